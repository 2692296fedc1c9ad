package dev.apitpl.core.policy;

import dev.apitpl.core.publish.WorkflowDeployment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables of the policies' ARN patterns: AWS's pseudo parameters and the names of the managed resources. In a
 * synthesized template they are the template's own parameters, so {@code Fn::Sub} resolves them where it stands.
 */
public final class PolicyVariables {

    public static final String PARTITION = "AWS::Partition";
    public static final String REGION = "AWS::Region";
    public static final String ACCOUNT_ID = "AWS::AccountId";
    /** The template table's name. */
    public static final String TABLE_NAME = "TableName";
    /** The generic function's name. */
    public static final String FUNCTION_NAME = "FunctionName";
    /** The state machine's name. */
    public static final String STATE_MACHINE_NAME = "StateMachineName";

    private PolicyVariables() {}

    /**
     * The values that make the patterns concrete ARNs: the deployment's names, and the partition, region and account
     * when known (null leaves them as {@code ${AWS::...}} in the output).
     */
    public static Map<String, String> of(WorkflowDeployment deployment, String partition, String region, String accountId) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, PARTITION, partition);
        put(values, REGION, region);
        put(values, ACCOUNT_ID, accountId);
        put(values, TABLE_NAME, deployment.templateTable());
        put(values, FUNCTION_NAME, deployment.function() == null ? null : deployment.function().name());
        put(values, STATE_MACHINE_NAME, deployment.stateMachine() == null ? null : deployment.stateMachine().name());
        return values;
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }

    static String variable(String name) {
        return "${" + name + "}";
    }

    /** {@code arn:${AWS::Partition}:SERVICE:${AWS::Region}:${AWS::AccountId}:RESOURCE}. */
    static String arn(String service, String resource) {
        return "arn:" + variable(PARTITION) + ":" + service + ":" + variable(REGION) + ":" + variable(ACCOUNT_ID) + ":"
                + resource;
    }
}
