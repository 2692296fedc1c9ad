package dev.apitpl.runtime.error;

/**
 * Rendering a template went past one of the renderer's limits (output size per field, string size,
 * rendering steps, nesting depth). The render is stopped as soon as the limit is hit; nothing is sent.
 */
public class RenderLimitExceededException extends ApiTplException {

    private final String template;
    private final String field;

    public RenderLimitExceededException(String template, String field, String limit) {
        super("template '" + template + "': field '" + field + "' exceeds " + limit);
        this.template = template;
        this.field = field;
    }

    public String template() {
        return template;
    }

    public String field() {
        return field;
    }
}
