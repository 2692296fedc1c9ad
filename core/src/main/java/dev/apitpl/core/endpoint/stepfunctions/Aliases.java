package dev.apitpl.core.endpoint.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.core.engine.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** State machine aliases: routing to one or two versions, checked with AWS's validation messages. */
final class Aliases {

    private final StateMachines machines;

    Aliases(StateMachines machines) {
        this.machines = machines;
    }

    ObjectNode create(ObjectNode request) {
        String name = request.path("name").asText();
        if (name.length() > 80) {
            throw SfnException.validation(name, "name", "Member must have length less than or equal to 80");
        }
        if (!Arns.ALIAS_NAME.matcher(name).matches()) {
            throw SfnException.validation(name, "name", "Member must satisfy regular expression pattern: "
                    + Arns.ALIAS_NAME.pattern());
        }
        JsonNode routing = request.path("routingConfiguration");
        ObjectNode machine = checkRouting(routing);
        synchronized (machines) {
            ObjectNode aliases = machine.with("aliases");
            String arn = machine.get("stateMachineArn").asText() + ":" + name;
            ObjectNode existing = (ObjectNode) aliases.get(name);
            if (existing != null) {
                boolean same = existing.get("routingConfiguration").equals(routing)
                        && existing.path("description").asText("").equals(request.path("description").asText(""));
                if (!same) {
                    throw new SfnException("ConflictException", "Failed to create alias because an alias with the same "
                            + "name and a different routing configuration already exists.");
                }
            } else {
                ObjectNode alias = aliases.putObject(name);
                alias.put("stateMachineAliasArn", arn);
                alias.put("name", name);
                if (request.hasNonNull("description")) {
                    alias.put("description", request.get("description").asText());
                }
                alias.set("routingConfiguration", routing.deepCopy());
                alias.put("creationDate", StateMachines.now());
                alias.set("updateDate", alias.get("creationDate"));
                machines.save();
                existing = alias;
            }
            ObjectNode answer = Json.NODES.objectNode().put("stateMachineAliasArn", arn);
            answer.set("creationDate", existing.get("creationDate"));
            return answer;
        }
    }

    /** Checks a routing configuration as AWS does, in AWS's order; returns the machine its versions belong to. */
    private ObjectNode checkRouting(JsonNode routing) {
        if (routing.size() > 2) {
            String items = "[" + stream(routing).map(route -> "RoutingConfigurationListItem(stateMachineVersionArn="
                    + route.path("stateMachineVersionArn").asText() + ", weight=" + route.path("weight").asInt() + ")")
                    .collect(Collectors.joining(", ")) + "]";
            throw SfnException.validation(items, "routingConfiguration", "Member must have length less than or equal to 2");
        }
        for (int i = 0; i < routing.size(); i++) {
            int weight = routing.get(i).path("weight").asInt();
            if (weight > 100 || weight < 0) {
                throw SfnException.validation(Integer.toString(weight), "routingConfiguration." + (i + 1)
                        + ".member.weight", weight > 100 ? "Member must have value less than or equal to 100"
                        : "Member must have value greater than or equal to 0");
            }
        }
        List<String> arns = stream(routing).map(route -> route.path("stateMachineVersionArn").asText()).toList();
        List<Arns.MachineArn> parsed = new ArrayList<>();
        for (String arn : arns) {
            Arns.MachineArn version = arn.startsWith("arn:") ? Arns.machine(arn) : null;
            if (version == null || !version.isVersion()) {
                throw new SfnException("ValidationException", "Routing configuration must contain state machine "
                        + "version ARNs. Received: " + arns.stream().collect(Collectors.joining(", ", "[", "]")));
            }
            parsed.add(version);
        }
        if (new HashSet<>(arns).size() != arns.size()) {
            throw new SfnException("ValidationException", "Routing configuration must contain distinct state machine "
                    + "version ARNs. Received: " + arns.stream().collect(Collectors.joining(", ", "[", "]")));
        }
        List<Integer> weights = stream(routing).map(route -> route.path("weight").asInt()).toList();
        if (weights.stream().mapToInt(Integer::intValue).sum() != 100) {
            throw new SfnException("ValidationException", "Sum of routing configuration weights must equal 100. "
                    + "Received: " + weights);
        }
        if (parsed.isEmpty() || parsed.stream().map(Arns.MachineArn::unqualified).distinct().count() != 1) {
            throw new SfnException("ValidationException", "Routing configuration must contain versions of one state "
                    + "machine. Received: " + arns.stream().collect(Collectors.joining(", ", "[", "]")));
        }
        ObjectNode machine = machines.find(parsed.get(0).unqualified());
        if (machine == null || parsed.stream().anyMatch(v -> machines.version(machine, v.qualifier()) == null)) {
            throw SfnException.resourceNotFound();
        }
        return machine;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** The alias of an alias ARN, or null. */
    ObjectNode find(Arns.MachineArn arn) {
        synchronized (machines) {
            ObjectNode machine = machines.find(arn.unqualified());
            return machine == null ? null : (ObjectNode) machine.with("aliases").get(arn.qualifier());
        }
    }

    ObjectNode describe(String aliasArn) {
        ObjectNode alias = requireAlias(aliasArn);
        synchronized (machines) {
            return alias.deepCopy();
        }
    }

    private ObjectNode requireAlias(String aliasArn) {
        Arns.MachineArn arn = Arns.machine(aliasArn);
        ObjectNode alias = arn.isAlias() ? find(arn) : null;
        if (alias == null) {
            throw SfnException.resourceNotFound();
        }
        return alias;
    }

    ObjectNode update(ObjectNode request) {
        ObjectNode alias = requireAlias(request.path("stateMachineAliasArn").asText());
        JsonNode routing = request.get("routingConfiguration");
        if (routing != null && !routing.isNull()) {
            checkRouting(routing);
        }
        synchronized (machines) {
            if (routing != null && !routing.isNull()) {
                alias.set("routingConfiguration", routing.deepCopy());
            }
            if (request.hasNonNull("description")) {
                alias.put("description", request.get("description").asText());
            }
            alias.put("updateDate", StateMachines.now());
            machines.save();
            ObjectNode answer = Json.NODES.objectNode();
            answer.set("updateDate", alias.get("updateDate"));
            return answer;
        }
    }

    void delete(String aliasArn) {
        Arns.MachineArn arn = Arns.machine(aliasArn);
        synchronized (machines) {
            ObjectNode machine = machines.find(arn.unqualified());
            if (machine != null && arn.isAlias() && machine.with("aliases").remove(arn.qualifier()) != null) {
                machines.save();
            }
        }
    }

    List<ObjectNode> list(ObjectNode machine) {
        List<ObjectNode> list = new ArrayList<>();
        synchronized (machines) {
            machine.with("aliases").forEach(alias -> {
                ObjectNode item = Json.NODES.objectNode();
                item.set("stateMachineAliasArn", alias.get("stateMachineAliasArn"));
                item.set("creationDate", alias.get("creationDate"));
                list.add(item);
            });
        }
        return list;
    }

    /** The version number an execution through {@code alias} runs, drawn by the routing weights. */
    String route(ObjectNode alias) {
        ArrayNode routing;
        synchronized (machines) {
            routing = (ArrayNode) alias.get("routingConfiguration").deepCopy();
        }
        int draw = ThreadLocalRandom.current().nextInt(100);
        int total = 0;
        for (JsonNode route : routing) {
            total += route.path("weight").asInt();
            if (draw < total) {
                String arn = route.path("stateMachineVersionArn").asText();
                return arn.substring(arn.lastIndexOf(':') + 1);
            }
        }
        String last = routing.get(routing.size() - 1).path("stateMachineVersionArn").asText();
        return last.substring(last.lastIndexOf(':') + 1);
    }
}
