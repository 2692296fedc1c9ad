package dev.apitpl.core.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.CloudWatchLogsLogGroup;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.LogDestination;
import software.amazon.awssdk.services.sfn.model.LogLevel;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.Tag;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;

/**
 * Publishes the state machine: creates it or updates it with {@code publish=true} only when its definition or
 * configuration changed, and moves its alias to the new version, the last write of a deploy.
 */
final class StateMachinePublisher {

    private final AwsClients aws;
    private final SfnClient sfn;
    private final WorkflowDeployment.StateMachine machine;
    private final String roleArn;

    StateMachinePublisher(AwsClients aws, WorkflowDeployment.StateMachine machine, String roleArn) {
        this.aws = aws;
        this.sfn = aws.stepFunctions();
        this.machine = machine;
        this.roleArn = roleArn;
    }

    /** The state machine's ARN as AWS lists it, or null when there is none of that name. */
    String findArn() {
        List<StateMachineListItem> all = aws.call("SFN", "ListStateMachines",
                () -> sfn.listStateMachinesPaginator(b -> b.maxResults(1000)).stateMachines().stream().toList());
        return all.stream().filter(item -> item.name().equals(machine.name())).map(StateMachineListItem::stateMachineArn)
                .findFirst().orElse(null);
    }

    /** What deploy would do; reads only. */
    StateMachinePlan plan(String definition, boolean force) throws PublishException {
        String arn = findArn();
        if (arn == null) {
            return new StateMachinePlan(machine.name(), null, List.of(), List.of(), null);
        }
        refuseStackManaged(arn, force);
        DescribeStateMachineResponse current = aws.call("SFN", "DescribeStateMachine",
                () -> sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
        if (!current.typeAsString().equalsIgnoreCase(machine.type())) {
            throw new PublishException("State machine " + machine.name() + " is " + current.typeAsString() + " but <stateMachine><type> "
                    + "(-Dapitpl.stateMachineType) says " + machine.type() + "; AWS cannot change a state machine's type: "
                    + "set it back, or destroy it first (mvn apitpl:destroy)");
        }
        List<String> diff = UnifiedDiff.of(DeployedDefinition.normalise(current.definition()),
                DeployedDefinition.normalise(definition), "deployed", "project");
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(current.roleArn(), roleArn)) {
            changes.add("role " + current.roleArn() + " -> " + roleArn);
        }
        String deployedLevel = current.loggingConfiguration() == null || current.loggingConfiguration().level() == null
                ? "OFF" : current.loggingConfiguration().levelAsString();
        if (!deployedLevel.equalsIgnoreCase(level())) {
            changes.add("logging " + deployedLevel + " -> " + level());
        }
        boolean tracing = current.tracingConfiguration() != null && Boolean.TRUE.equals(current.tracingConfiguration().enabled());
        if (tracing != machine.tracing()) {
            changes.add("tracing " + tracing + " -> " + machine.tracing());
        }
        return new StateMachinePlan(machine.name(), arn, diff, changes, aliasVersionArn(arn));
    }

    /** Publishes what {@code plan} says; the alias moves last. Returns the alias ARN. */
    String apply(StateMachinePlan plan, String definition, Consumer<String> step) {
        String arn = plan.arn();
        String versionArn = plan.aliasVersionArn();
        if (!plan.exists()) {
            var created = aws.call("SFN", "CreateStateMachine", () -> sfn.createStateMachine(b -> b.name(machine.name())
                    .definition(definition).roleArn(roleArn).type(machine.type().toUpperCase(Locale.ROOT))
                    .loggingConfiguration(logging()).tracingConfiguration(tracing()).tags(tags()).publish(true)
                    .versionDescription("apitpl deploy")));
            arn = created.stateMachineArn();
            versionArn = created.stateMachineVersionArn();
            step.accept("state machine " + machine.name() + " created, version " + StateMachinePlan.version(versionArn));
        } else if (plan.publishes()) {
            String existing = arn;
            if (!plan.definitionDiff().isEmpty() || !plan.configChanges().isEmpty()) {
                versionArn = aws.call("SFN", "UpdateStateMachine", () -> sfn.updateStateMachine(b -> b.stateMachineArn(existing)
                        .definition(definition).roleArn(roleArn).loggingConfiguration(logging())
                        .tracingConfiguration(tracing()).publish(true).versionDescription("apitpl deploy"))).stateMachineVersionArn();
            } else {
                versionArn = aws.call("SFN", "PublishStateMachineVersion", () -> sfn.publishStateMachineVersion(b -> b
                        .stateMachineArn(existing).description("apitpl deploy"))).stateMachineVersionArn();
            }
            step.accept("state machine " + machine.name() + " updated, version " + StateMachinePlan.version(versionArn));
        }
        String aliasArn = arn + ":" + machine.alias();
        if (!plan.movesAlias()) {
            return aliasArn;
        }
        String target = versionArn;
        RoutingConfigurationListItem route = RoutingConfigurationListItem.builder().stateMachineVersionArn(target).weight(100).build();
        if (plan.aliasVersionArn() == null) {
            aliasArn = aws.call("SFN", "CreateStateMachineAlias", () -> sfn.createStateMachineAlias(b -> b.name(machine.alias())
                    .routingConfiguration(route).description("apitpl deploy"))).stateMachineAliasArn();
        } else {
            String existingAlias = aliasArn;
            aws.call("SFN", "UpdateStateMachineAlias", () -> sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(existingAlias)
                    .routingConfiguration(route)));
        }
        step.accept("state machine alias " + machine.alias() + " -> " + StateMachinePlan.version(target)
                + (plan.aliasVersionArn() == null ? "" : " (was " + StateMachinePlan.version(plan.aliasVersionArn()) + ")"));
        return aliasArn;
    }

    /** Deletes the state machine with its versions and aliases; false when it did not exist. */
    boolean delete(boolean force) throws PublishException {
        String arn = findArn();
        if (arn == null) {
            return false;
        }
        refuseStackManaged(arn, force);
        // DeleteStateMachine deletes the machine's versions and aliases with it.
        aws.call("SFN", "DeleteStateMachine", () -> sfn.deleteStateMachine(b -> b.stateMachineArn(arn)));
        return true;
    }

    private String aliasVersionArn(String arn) {
        try {
            var alias = aws.call("SFN", "DescribeStateMachineAlias",
                    () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(arn + ":" + machine.alias())));
            return alias.routingConfiguration().stream().max(java.util.Comparator.comparingInt(RoutingConfigurationListItem::weight))
                    .map(RoutingConfigurationListItem::stateMachineVersionArn).orElse(null);
        } catch (AwsException e) {
            if (e.getCause() instanceof ResourceNotFoundException) {
                return null;
            }
            throw e;
        }
    }

    private void refuseStackManaged(String arn, boolean force) throws PublishException {
        Map<String, String> tags = aws.call("SFN", "ListTagsForResource", () -> sfn.listTagsForResource(b -> b.resourceArn(arn)))
                .tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        try {
            FunctionPublisher.refuseStackManaged(tags, force);
        } catch (PublishException e) {
            throw new PublishException("State machine " + machine.name() + ": " + e.getMessage());
        }
    }

    private String level() {
        return machine.logging() == null ? "OFF" : machine.logging().toUpperCase(Locale.ROOT);
    }

    private LoggingConfiguration logging() {
        LoggingConfiguration.Builder logging = LoggingConfiguration.builder().level(LogLevel.fromValue(level()));
        if (!level().equals("OFF")) {
            logging.includeExecutionData(true).destinations(LogDestination.builder()
                    .cloudWatchLogsLogGroup(CloudWatchLogsLogGroup.builder().logGroupArn(machine.logGroupArn()).build()).build());
        }
        return logging.build();
    }

    private TracingConfiguration tracing() {
        return TracingConfiguration.builder().enabled(machine.tracing()).build();
    }

    private List<Tag> tags() {
        return machine.tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
