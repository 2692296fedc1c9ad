package dev.apitpl.core.workflowtest;

/** A workflow test file is malformed; the message names the file, the place in it and the fix. */
public class WorkflowTestFileException extends Exception {

    public WorkflowTestFileException(String message) {
        super(message);
    }

    public WorkflowTestFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
