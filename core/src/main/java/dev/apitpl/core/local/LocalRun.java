package dev.apitpl.core.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.ExecutionResult;
import dev.apitpl.core.engine.ExecutionStatus;
import dev.apitpl.core.engine.Json;
import dev.apitpl.core.engine.StateMachine;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one state machine locally, start to finish: starts a {@link LocalEnvironment}, loads the
 * definition, checks every Task resource can run here, executes with a live {@link ExecutionTrace},
 * and stops the environment again.
 */
public final class LocalRun {

    /**
     * @param definition the state machine definition file (ASL JSON)
     * @param input execution input: JSON text, or {@code @file}; blank means {@code {}}
     * @param setup templates, substitutions, handlers and DynamoDB endpoint
     */
    public record Request(Path definition, String input, LocalSetup setup) {}

    /** How the execution ended. */
    public record Outcome(ExecutionResult result) {

        public boolean succeeded() {
            return result.status() == ExecutionStatus.SUCCEEDED;
        }

        /** The execution as DescribeExecution reports it: status, then output or error and cause (JSON text). */
        public ObjectNode describeExecution() {
            ObjectNode json = Json.NODES.objectNode();
            json.put("status", result.status().name());
            if (succeeded()) {
                json.put("output", Json.write(result.output()));
            } else {
                json.put("error", result.error());
                json.put("cause", result.cause());
            }
            return json;
        }

        /** One line: status and duration, then error and cause when it did not succeed. */
        public String summary() {
            String head = result.status() + " in " + result.duration().toMillis() + " ms";
            return succeeded() ? head : head + ": " + result.error() + (result.cause() == null ? "" : ": " + result.cause());
        }

        /** The output, indented, or {@code null} when it did not succeed. */
        public String prettyOutput() {
            JsonNode output = result.output();
            return output == null ? null : output.toPrettyString();
        }
    }

    private LocalRun() {}

    /**
     * @param trace receives the readable trace, one line per call, as the execution goes
     * @throws LocalRunException when the run cannot start; the message says what to fix
     */
    public static Outcome run(Request request, Consumer<String> trace) throws LocalRunException {
        JsonNode input = LocalEnvironment.readInput(request.input());
        LocalSetup setup = request.setup().withLog(trace);
        try (LocalEnvironment environment = LocalEnvironment.start(setup)) {
            StateMachine machine = environment.load(request.definition());
            Map<String, String> unsupported = environment.unsupportedResources(machine);
            if (!unsupported.isEmpty()) {
                throw new LocalRunException(LocalEnvironment.unsupportedMessage(request.definition(), unsupported));
            }
            trace.accept("Running " + request.definition());
            ExecutionResult result = environment.execute(machine, machineName(request.definition()), input,
                    environment.tasks(), new ExecutionTrace(trace));
            return new Outcome(result);
        }
    }

    /** The state machine name a definition file stands for: its name without {@code .asl.json} or {@code .json}. */
    public static String machineName(Path definition) {
        String name = definition.getFileName().toString();
        for (String suffix : new String[] {".asl.json", ".json", ".asl.yaml", ".asl.yml"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
