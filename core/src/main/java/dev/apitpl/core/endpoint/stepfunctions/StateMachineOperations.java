package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.Json;
import java.util.List;

/** The Step Functions operations, one method each, answering in AWS's shapes. */
final class StateMachineOperations {

    private final StateMachines machines;
    private final Aliases aliases;
    private final Executions executions;
    private final String account;

    StateMachineOperations(StateMachines machines, Aliases aliases, Executions executions, String account) {
        this.machines = machines;
        this.aliases = aliases;
        this.executions = executions;
        this.account = account;
    }

    /** Runs {@code operation}; null when there is no such operation. */
    ObjectNode run(String operation, ObjectNode request, String region) throws InterruptedException {
        return switch (operation) {
            case "CreateStateMachine" -> create(request, region);
            case "DescribeStateMachine" -> describe(request.path("stateMachineArn").asText());
            case "UpdateStateMachine" -> update(request);
            case "DeleteStateMachine" -> delete(request.path("stateMachineArn").asText());
            case "ListStateMachines" -> Pages.page(request, machines.all().stream().map(StateMachineOperations::listItem)
                    .toList(), "stateMachines", 1024);
            case "PublishStateMachineVersion" -> publish(request);
            case "ListStateMachineVersions" -> Pages.page(request, machines.versions(requireMachine(
                    request.path("stateMachineArn").asText())), "stateMachineVersions", 1024);
            case "DeleteStateMachineVersion" -> deleteVersion(request.path("stateMachineVersionArn").asText());
            case "CreateStateMachineAlias" -> aliases.create(request);
            case "DescribeStateMachineAlias" -> aliases.describe(request.path("stateMachineAliasArn").asText());
            case "UpdateStateMachineAlias" -> aliases.update(request);
            case "DeleteStateMachineAlias" -> {
                aliases.delete(request.path("stateMachineAliasArn").asText());
                yield Json.NODES.objectNode();
            }
            case "ListStateMachineAliases" -> Pages.page(request, aliases.list(requireMachine(
                    request.path("stateMachineArn").asText())), "stateMachineAliases", 1024);
            case "StartExecution" -> executions.start(target(request.path("stateMachineArn").asText()), request, region);
            case "StartSyncExecution" -> executions.startSync(target(request.path("stateMachineArn").asText()), request,
                    region);
            case "DescribeExecution" -> executions.require(request.path("executionArn").asText()).describe();
            case "DescribeStateMachineForExecution" -> describeForExecution(request.path("executionArn").asText());
            case "ListExecutions" -> listExecutions(request);
            case "StopExecution" -> executions.stop(request);
            case "GetExecutionHistory" -> Pages.page(request, executions.history(request), "events", 3096);
            case "ValidateStateMachineDefinition" -> validate(request);
            case "CreateActivity" -> machines.createActivity("arn:aws:states:" + region + ":" + account + ":activity:"
                    + Arns.checkName(request.path("name").asText()));
            case "DescribeActivity" -> machines.activity(request.path("activityArn").asText());
            case "DeleteActivity" -> {
                machines.deleteActivity(request.path("activityArn").asText());
                yield Json.NODES.objectNode();
            }
            case "ListActivities" -> Pages.page(request, machines.activities(), "activities", 1024);
            case "TagResource", "UntagResource" -> Json.NODES.objectNode();
            case "ListTagsForResource" -> {
                ObjectNode answer = Json.NODES.objectNode();
                answer.putArray("tags");
                yield answer;
            }
            default -> null;
        };
    }

    private ObjectNode create(ObjectNode request, String region) {
        String name = Arns.checkName(request.path("name").asText(null));
        String type = request.path("type").asText(StateMachines.STANDARD);
        if (!type.equals(StateMachines.STANDARD) && !type.equals(StateMachines.EXPRESS)) {
            throw SfnException.validation(type, "type", "Member must satisfy enum value set: [STANDARD, EXPRESS]");
        }
        Definitions.require(request.path("definition").asText(""), type);
        return machines.create(Arns.stateMachine(region, account, name), request, type);
    }

    private ObjectNode describe(String arn) {
        Arns.MachineArn parsed = Arns.machine(arn);
        ObjectNode machine = machines.require(parsed, arn);
        if (parsed.isVersion()) {
            if (machines.version(machine, parsed.qualifier()) == null) {
                throw SfnException.stateMachineDoesNotExist(arn);
            }
            return machines.describe(machine, parsed.qualifier());
        }
        if (parsed.isAlias()) {
            throw SfnException.stateMachineDoesNotExist(arn);
        }
        return machines.describe(machine, null);
    }

    private ObjectNode update(ObjectNode request) {
        String arn = request.path("stateMachineArn").asText();
        Arns.MachineArn parsed = Arns.machine(arn);
        if (parsed.qualifier() != null) {
            throw SfnException.stateMachineDoesNotExist(arn);
        }
        if (!request.hasNonNull("definition") && !request.hasNonNull("roleArn")
                && !request.hasNonNull("loggingConfiguration") && !request.hasNonNull("tracingConfiguration")) {
            throw new SfnException("MissingRequiredParameter", "Either the definition, the role ARN, the "
                    + "LoggingConfiguration, or the TracingConfiguration must be specified");
        }
        ObjectNode machine = machines.require(parsed, arn);
        if (request.hasNonNull("definition")) {
            Definitions.require(request.get("definition").asText(), machine.get("type").asText());
        }
        return machines.update(machine, request);
    }

    private ObjectNode delete(String arn) {
        Arns.MachineArn parsed = Arns.machine(arn);
        if (parsed.qualifier() == null) {
            machines.delete(arn);
            executions.forget(arn);
        }
        return Json.NODES.objectNode();
    }

    private static ObjectNode listItem(ObjectNode machine) {
        ObjectNode item = Json.NODES.objectNode();
        for (String field : List.of("stateMachineArn", "name", "type", "creationDate")) {
            item.set(field, machine.get(field));
        }
        return item;
    }

    private ObjectNode requireMachine(String arn) {
        Arns.MachineArn parsed = Arns.machine(arn);
        return machines.require(parsed, arn);
    }

    private ObjectNode publish(ObjectNode request) {
        String arn = request.path("stateMachineArn").asText();
        Arns.MachineArn parsed = Arns.machine(arn);
        if (parsed.qualifier() != null) {
            throw SfnException.stateMachineDoesNotExist(arn);
        }
        ObjectNode machine = machines.require(parsed, arn);
        synchronized (machines) {
            String current = machine.path("revisionId").textValue();
            String expected = request.path("revisionId").textValue();
            if (expected != null && !expected.equals(current)) {
                throw new SfnException("ConflictException", "Failed to publish the State Machine version for revision "
                        + expected + ". The current State Machine revision is " + current + ".");
            }
            String versionArn = machines.publish(machine, request.path("description").textValue());
            ObjectNode answer = Json.NODES.objectNode();
            answer.set("creationDate", machines.version(machine, versionArn.substring(versionArn.lastIndexOf(':') + 1))
                    .get("creationDate"));
            answer.put("stateMachineVersionArn", versionArn);
            return answer;
        }
    }

    private ObjectNode deleteVersion(String arn) {
        Arns.MachineArn parsed = Arns.machine(arn);
        if (!parsed.isVersion()) {
            throw new SfnException("ValidationException", "Invalid version ARN: '" + arn + "'");
        }
        ObjectNode machine = machines.find(parsed.unqualified());
        if (machine != null) {
            machines.deleteVersion(machine, parsed.qualifier());
        }
        return Json.NODES.objectNode();
    }

    /** What a StartExecution ARN runs: the machine itself, one of its versions, or a version an alias routes to. */
    private Executions.Target target(String arn) {
        Arns.MachineArn parsed = Arns.machine(arn);
        ObjectNode machine = machines.require(parsed, arn);
        synchronized (machines) {
            if (parsed.qualifier() == null) {
                return new Executions.Target(machine, machine.deepCopy(), null, null);
            }
            String number = parsed.qualifier();
            String aliasArn = null;
            if (parsed.isAlias()) {
                ObjectNode alias = aliases.find(parsed);
                if (alias == null) {
                    throw SfnException.stateMachineDoesNotExist(arn);
                }
                number = aliases.route(alias);
                aliasArn = arn;
            }
            ObjectNode version = machines.version(machine, number);
            if (version == null) {
                throw SfnException.stateMachineDoesNotExist(arn);
            }
            return new Executions.Target(machine, version.deepCopy(), parsed.unqualified() + ":" + number, aliasArn);
        }
    }

    private ObjectNode describeForExecution(String executionArn) {
        ExecutionRecord record = executions.require(executionArn);
        ObjectNode source = record.definitionSource;
        ObjectNode answer = Json.NODES.objectNode();
        answer.put("stateMachineArn", record.machineArn);
        answer.put("name", record.machineArn.substring(record.machineArn.lastIndexOf(':') + 1));
        for (String field : List.of("definition", "roleArn", "loggingConfiguration", "tracingConfiguration",
                "revisionId")) {
            if (source.hasNonNull(field)) {
                answer.set(field, source.get(field));
            }
        }
        answer.set("updateDate", source.hasNonNull("updateDate") ? source.get("updateDate") : source.get("creationDate"));
        return answer;
    }

    private ObjectNode listExecutions(ObjectNode request) {
        String arn = request.path("stateMachineArn").asText();
        Arns.MachineArn parsed = Arns.machine(arn);
        ObjectNode machine = machines.require(parsed, arn);
        if (machine.get("type").asText().equals(StateMachines.EXPRESS)) {
            throw new SfnException("StateMachineTypeNotSupported",
                    "This operation is not supported by this type of state machine");
        }
        String versionArn = parsed.isVersion() ? arn : null;
        String aliasArn = parsed.isAlias() ? arn : null;
        return Pages.page(request, executions.list(parsed.unqualified(), versionArn, aliasArn,
                request.path("statusFilter").textValue()), "executions", 3096);
    }

    private static ObjectNode validate(ObjectNode request) {
        List<Definitions.Diagnostic> diagnostics = Definitions.diagnose(request.path("definition").asText(""),
                request.path("type").asText(StateMachines.STANDARD));
        ObjectNode answer = Json.NODES.objectNode();
        boolean failed = diagnostics.stream().anyMatch(diagnostic -> diagnostic.severity().equals("ERROR"));
        answer.put("result", failed ? "FAIL" : "OK");
        ArrayNode list = answer.putArray("diagnostics");
        for (Definitions.Diagnostic diagnostic : diagnostics) {
            ObjectNode item = list.addObject().put("severity", diagnostic.severity()).put("code", diagnostic.code())
                    .put("message", diagnostic.message());
            if (diagnostic.location() != null) {
                item.put("location", diagnostic.location());
            }
        }
        answer.put("truncated", false);
        return answer;
    }
}
