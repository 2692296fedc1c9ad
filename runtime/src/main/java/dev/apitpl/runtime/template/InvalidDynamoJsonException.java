package dev.apitpl.runtime.template;

/**
 * A value is not valid DynamoDB JSON (or cannot be stored in DynamoDB). The message starts with the path of
 * the offending value, written with the type keys as they appear in the document ({@code headers.M.Accept}).
 */
public class InvalidDynamoJsonException extends IllegalArgumentException {

    private final String path;
    private final String problem;

    public InvalidDynamoJsonException(String path, String problem) {
        super((path.isEmpty() ? "(top level)" : path) + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    /** Where the value is, e.g. {@code headers.M.Accept}; empty for the top level. */
    public String path() {
        return path;
    }

    /** What is wrong, without the path. */
    public String problem() {
        return problem;
    }
}
