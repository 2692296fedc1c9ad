package dev.apitpl.core.asl;

import java.util.Set;

/** The predefined Step Functions error names: the engine raises them, the validator knows them in ErrorEquals. */
public final class ErrorNames {
    public static final String ALL = "States.ALL";
    public static final String RUNTIME = "States.Runtime";
    public static final String TIMEOUT = "States.Timeout";
    public static final String TASK_FAILED = "States.TaskFailed";
    public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    public static final String PERMISSIONS = "States.Permissions";
    public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
    public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
    public static final String BRANCH_FAILED = "States.BranchFailed";
    public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    public static final String EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold";
    public static final String ITEM_READER_FAILED = "States.ItemReaderFailed";
    public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
    public static final String RESULT_WRITER_FAILED = "States.ResultWriterFailed";
    public static final String HTTP_SOCKET = "States.Http.Socket";

    /** Every predefined name; any other name starting with {@code States.} is no error AWS raises. */
    public static final Set<String> PREDEFINED = Set.of(ALL, RUNTIME, TIMEOUT, TASK_FAILED, HEARTBEAT_TIMEOUT,
            PERMISSIONS, RESULT_PATH_MATCH_FAILURE, PARAMETER_PATH_FAILURE, INTRINSIC_FAILURE, NO_CHOICE_MATCHED,
            BRANCH_FAILED, DATA_LIMIT_EXCEEDED, EXCEED_TOLERATED_FAILURE_THRESHOLD, ITEM_READER_FAILED,
            QUERY_EVALUATION_ERROR, RESULT_WRITER_FAILED, HTTP_SOCKET);

    private ErrorNames() {}

    /**
     * Whether an ErrorEquals list handles {@code error} raised by a state of {@code type}, as AWS matches: by name;
     * States.ALL matches all but States.Runtime and States.DataLimitExceeded; States.TaskFailed matches a Task's
     * failures except those and States.Timeout.
     */
    public static boolean handles(java.util.List<String> errorEquals, String error, StateType type) {
        for (String wanted : errorEquals) {
            if (wanted.equals(error)
                    || (wanted.equals(ALL) && !error.equals(RUNTIME) && !error.equals(DATA_LIMIT_EXCEEDED))
                    || (wanted.equals(TASK_FAILED) && type == StateType.TASK && !error.equals(TIMEOUT)
                            && !error.equals(RUNTIME) && !error.equals(DATA_LIMIT_EXCEEDED))) {
                return true;
            }
        }
        return false;
    }
}
