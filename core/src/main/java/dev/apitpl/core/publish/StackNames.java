package dev.apitpl.core.publish;

import dev.apitpl.core.synth.StackOutputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * {@code -Dapitpl.stack=NAME}: the names of the template table, the function and the state machine read from the
 * outputs of a stack deployed from {@code apitpl:synth}'s template ({@link StackOutputs}), in place of the configured
 * ones, so that seed, plan and deploy address what the stack created.
 */
public final class StackNames {

    private StackNames() {}

    /** What seed needs: the table. */
    public static final List<String> SEED = List.of(StackOutputs.TEMPLATE_TABLE_NAME);
    /** What plan and deploy need: the table, the function, the state machine. */
    public static final List<String> DEPLOY = List.of(StackOutputs.TEMPLATE_TABLE_NAME,
            StackOutputs.API_CALL_FUNCTION_NAME, StackOutputs.STATE_MACHINE_NAME);

    /**
     * {@code deployment} with the names the stack's outputs give; unchanged when {@code stack} is blank.
     *
     * @param required the outputs the goal needs ({@link #SEED} or {@link #DEPLOY}); a missing one is an error naming it
     * @throws PublishException when the stack does not exist or lacks a required output
     */
    public static WorkflowDeployment resolve(AwsClients aws, String stack, WorkflowDeployment deployment,
                                             List<String> required) throws PublishException {
        if (stack == null || stack.isBlank()) {
            return deployment;
        }
        Map<String, String> outputs = outputs(aws, stack.trim());
        for (String name : required) {
            if (outputs.get(name) == null || outputs.get(name).isBlank()) {
                throw new PublishException("The CloudFormation stack " + stack + " has no output " + name + " (it has "
                        + (outputs.isEmpty() ? "none" : String.join(", ", outputs.keySet())) + "): apitpl:synth writes it"
                        + " since apitpl " + StackOutputs.since(name) + "; deploy the stack from a template of mvn"
                        + " apitpl:synth, or drop -Dapitpl.stack and name the resources (<templateTable>, <functionName>,"
                        + " <stateMachineName>)");
            }
        }
        WorkflowDeployment.LambdaFunction f = deployment.function();
        WorkflowDeployment.StateMachine m = deployment.stateMachine();
        String function = outputs.getOrDefault(StackOutputs.API_CALL_FUNCTION_NAME, f.name());
        String machine = outputs.getOrDefault(StackOutputs.STATE_MACHINE_NAME, m.name());
        return new WorkflowDeployment(deployment.definition(), deployment.substitutions(), deployment.templatesDirectory(),
                outputs.getOrDefault(StackOutputs.TEMPLATE_TABLE_NAME, deployment.templateTable()),
                new WorkflowDeployment.LambdaFunction(function, f.code(), f.handler(), f.runtime(), f.memoryMb(),
                        f.timeoutSeconds(), f.roleArn(), f.environment(), f.alias(), f.snapStart(), f.kmsKeyArn()),
                new WorkflowDeployment.StateMachine(machine, m.type(), m.roleArn(), m.alias(), m.logging(), m.logGroupArn(),
                        m.tracing(), m.tags(), m.kmsKeyArn()),
                deployment.placeholders(), deployment.allowedDestinations(), deployment.createRoles(), deployment.adminApi());
    }

    /** The stack's outputs by key. */
    static Map<String, String> outputs(AwsClients aws, String stack) throws PublishException {
        Stack found;
        try {
            List<Stack> stacks = aws.call("CloudFormation", "DescribeStacks",
                    () -> aws.cloudFormation().describeStacks(b -> b.stackName(stack)).stacks());
            found = stacks.isEmpty() ? null : stacks.get(0);
        } catch (AwsException e) {
            if (e.getCause() instanceof CloudFormationException cfn && String.valueOf(cfn.getMessage()).contains("does not exist")) {
                found = null;
            } else {
                throw e;
            }
        }
        if (found == null) {
            throw new PublishException("The CloudFormation stack " + stack + " was not found in " + aws.region().id()
                    + ": check -Dapitpl.stack (the stack's name or ARN) and the region (-Dapitpl.region, AWS_REGION)");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : found.outputs()) {
            outputs.put(output.outputKey(), output.outputValue());
        }
        return outputs;
    }
}
