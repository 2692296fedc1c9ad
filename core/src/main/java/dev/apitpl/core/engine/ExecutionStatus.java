package dev.apitpl.core.engine;

/** How an execution ended, as DescribeExecution reports it. */
public enum ExecutionStatus {
    SUCCEEDED, FAILED, TIMED_OUT, ABORTED
}
