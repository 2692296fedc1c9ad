package dev.apitpl.runtime.error;

/**
 * A template definition (file, DynamoDB item or Step Functions input) is not a valid API template.
 * The message names the template, the field path (for example {@code headers.Authorization}) and what
 * to change: {@code template 'getUser': field 'method' must be one of GET, POST, ...; got 'FETCH'}.
 */
public class InvalidTemplateException extends ApiTplException {

    private final String template;
    private final String field;

    /**
     * @param template the template's name, or {@code null} when it is not known (yet)
     * @param field    the field path inside the template, or {@code null} for the template as a whole
     * @param problem  what is wrong and how to fix it, phrased to follow "field 'x' "
     */
    public InvalidTemplateException(String template, String field, String problem) {
        super(describe(template, field, problem));
        this.template = template;
        this.field = field;
    }

    public InvalidTemplateException(String template, String field, String problem, Throwable cause) {
        super(describe(template, field, problem), cause);
        this.template = template;
        this.field = field;
    }

    /** The template's name, or {@code null} when the definition did not get as far as naming it. */
    public String template() {
        return template;
    }

    /** The field path the problem is in, or {@code null} for the definition as a whole. */
    public String field() {
        return field;
    }

    private static String describe(String template, String field, String problem) {
        String who = template == null ? "template definition" : "template '" + template + "'";
        return field == null ? who + ": " + problem : who + ": field '" + field + "' " + problem;
    }
}
