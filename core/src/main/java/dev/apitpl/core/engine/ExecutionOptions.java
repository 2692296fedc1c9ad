package dev.apitpl.core.engine;


/**
 * What an execution knows about itself, exposed to states through the context object {@code $$}.
 *
 * @param executionName {@code $$.Execution.Name}
 * @param stateMachineName {@code $$.StateMachine.Name}
 * @param roleArn {@code $$.Execution.RoleArn}
 * @param region region and account used to form ARNs
 * @param account the 12-digit account id in ARNs
 * @param recordHistory whether to keep history events in the result (listeners see them either way)
 */
public record ExecutionOptions(String executionName, String stateMachineName, String roleArn, String region,
        String account, boolean recordHistory) {

    public static final String LOCAL_ACCOUNT = "123456789012";

    /** A fresh execution name, machine {@code local}, region us-east-1, history kept. */
    public static ExecutionOptions defaults() {
        return new ExecutionOptions(java.util.UUID.randomUUID().toString(), "local",
                "arn:aws:iam::" + LOCAL_ACCOUNT + ":role/local", "us-east-1", LOCAL_ACCOUNT, true);
    }

    public ExecutionOptions withExecutionName(String name) {
        return new ExecutionOptions(name, stateMachineName, roleArn, region, account, recordHistory);
    }

    public ExecutionOptions withStateMachineName(String name) {
        return new ExecutionOptions(executionName, name, roleArn, region, account, recordHistory);
    }

    public ExecutionOptions withRecordHistory(boolean record) {
        return new ExecutionOptions(executionName, stateMachineName, roleArn, region, account, record);
    }

    public String stateMachineArn() {
        return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + stateMachineName;
    }

    public String executionArn() {
        return "arn:aws:states:" + region + ":" + account + ":execution:" + stateMachineName + ":" + executionName;
    }

}
