package dev.apitpl.core.cli;

import dev.apitpl.core.synth.SynthException;
import dev.apitpl.core.synth.SynthRequest;
import dev.apitpl.core.synth.SynthResult;
import dev.apitpl.core.synth.SynthService;
import dev.apitpl.core.validate.Problem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code apitpl synth}: writes the workflow's CloudFormation/SAM template ({@code template.yaml} and {@code .json}).
 * Exit 0, 1 when the project has problems (on stderr, located), 2 on a usage error.
 */
public final class SynthCommand implements Command {

    static final String USAGE_TEXT = "usage: apitpl synth [--out DIR] [--stage NAME] " + DeploymentOptions.USAGE;

    @Override
    public String name() {
        return "synth";
    }

    @Override
    public String summary() {
        return "write the workflow as a CloudFormation/SAM template (template.yaml, template.json)";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE_TEXT);
            return OK;
        }
        SynthRequest request;
        try {
            DeploymentOptions options = DeploymentOptions.parse(args, List.of("--out", "--stage"));
            request = new SynthRequest(options.deployment(), Path.of(options.extra.getOrDefault("--out", "target/apitpl")),
                    options.extra.get("--stage"));
            if (request.deployment().function().code() == null) {
                throw new DeploymentOptions.UsageException("name the Lambda's shaded jar with --code JAR");
            }
        } catch (DeploymentOptions.UsageException e) {
            err.println("apitpl synth: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            SynthResult result = new SynthService().synth(request);
            result.warnings().stream().map(Problem::format).forEach(err::println);
            out.println("wrote " + result.yaml() + " and " + result.json());
            return OK;
        } catch (SynthException e) {
            e.problems().stream().map(Problem::format).forEach(err::println);
            err.println("apitpl synth: " + e.getMessage());
            return PROBLEMS;
        } catch (IOException e) {
            err.println("apitpl synth: cannot write " + request.outputDirectory() + ": " + e.getMessage());
            return PROBLEMS;
        }
    }
}
