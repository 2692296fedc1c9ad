package dev.apitpl.runtime.error;

/**
 * A template uses a parameter the execution did not pass (or passed as {@code null}), or the template's
 * {@code parameters.required} lists one that is absent. A missing value is never rendered as an empty string.
 */
public class MissingParameterException extends ApiTplException {

    private final String template;
    private final String parameter;
    private final String field;

    public MissingParameterException(String template, String parameter, String field) {
        super("template '" + template + "' needs parameter '" + parameter + "' (used in field '" + field
                + "'); pass it in the execution's params, e.g. {\"params\": {\"" + rootName(parameter) + "\": ...}}");
        this.template = template;
        this.parameter = parameter;
        this.field = field;
    }

    public String template() {
        return template;
    }

    /** The missing name as the template wrote it, e.g. {@code userId} or {@code user.address.city}. */
    public String parameter() {
        return parameter;
    }

    /** Where the template uses it, or {@code parameters.required} for a declared requirement. */
    public String field() {
        return field;
    }

    private static String rootName(String parameter) {
        int dot = parameter.indexOf('.');
        int bracket = parameter.indexOf('[');
        int end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
        return end < 0 ? parameter : parameter.substring(0, end);
    }
}
