package dev.apitpl.core.synth;

import java.util.List;

/**
 * The names of the synthesized template's Outputs: what {@code -Dapitpl.stack=NAME} reads from DescribeStacks to find
 * the resources a stack created. Stable: renaming one breaks every stack already deployed.
 */
public final class StackOutputs {

    /** The template table's name (seed writes the templates into it). */
    public static final String TEMPLATE_TABLE_NAME = "TemplateTableName";
    /** The template table's ARN. */
    public static final String TEMPLATE_TABLE_ARN = "TemplateTableArn";
    /** The generic Lambda function's name. */
    public static final String API_CALL_FUNCTION_NAME = "ApiCallFunctionName";
    /** The generic Lambda function's unqualified ARN. */
    public static final String API_CALL_FUNCTION_ARN = "ApiCallFunctionArn";
    /** The ARN of the function's alias, the one the state machine invokes. */
    public static final String API_CALL_FUNCTION_ALIAS_ARN = "ApiCallFunctionAliasArn";
    /** The state machine's ARN. */
    public static final String STATE_MACHINE_ARN = "StateMachineArn";
    /** The state machine's name. */
    public static final String STATE_MACHINE_NAME = "StateMachineName";
    /** The ARN of the state machine version the template published. */
    public static final String STATE_MACHINE_VERSION_ARN = "StateMachineVersionArn";
    /** The ARN of the state machine's alias: what callers start executions on. */
    public static final String STATE_MACHINE_ALIAS_ARN = "StateMachineAliasArn";
    /** The state machine's execution role. */
    public static final String STATE_MACHINE_ROLE_ARN = "StateMachineRoleArn";
    /** The function's execution role. */
    public static final String API_CALL_FUNCTION_ROLE_ARN = "ApiCallFunctionRoleArn";

    /** The template admin API's URL (an HTTP API with IAM authorization). */
    public static final String ADMIN_API_URL = "AdminApiUrl";
    /** The template admin API's function. */
    public static final String ADMIN_API_FUNCTION_NAME = "AdminApiFunctionName";
    /** The admin API function's execution role. */
    public static final String ADMIN_API_FUNCTION_ROLE_ARN = "AdminApiFunctionRoleArn";

    /** Every output, in the order the template lists them. */
    public static final List<String> ALL = List.of(TEMPLATE_TABLE_NAME, TEMPLATE_TABLE_ARN, API_CALL_FUNCTION_NAME,
            API_CALL_FUNCTION_ARN, API_CALL_FUNCTION_ALIAS_ARN, STATE_MACHINE_NAME, STATE_MACHINE_ARN,
            STATE_MACHINE_VERSION_ARN, STATE_MACHINE_ALIAS_ARN, STATE_MACHINE_ROLE_ARN, API_CALL_FUNCTION_ROLE_ARN, ADMIN_API_URL,
            ADMIN_API_FUNCTION_NAME, ADMIN_API_FUNCTION_ROLE_ARN);

    /**
     * The first apitpl version whose synth writes {@code output}: what a stack lacking the output was synthesized
     * before (every output so far has been written since the first release).
     */
    public static String since(String output) {
        return "0.1.0";
    }

    private StackOutputs() {}
}
