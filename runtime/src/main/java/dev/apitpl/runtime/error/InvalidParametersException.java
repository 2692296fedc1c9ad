package dev.apitpl.runtime.error;

/** The execution's {@code params} are not usable: not a JSON object, or a value of the wrong shape. */
public class InvalidParametersException extends ApiTplException {

    public InvalidParametersException(String template, String problem) {
        super("template '" + template + "': params " + problem);
    }
}
