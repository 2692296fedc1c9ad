package dev.apitpl.runtime.error;

/**
 * A template could not be rendered: a syntax error, an unknown or disabled tag or filter, a call the sandbox
 * forbids ({@code ''.getClass()}), or a rendered URL or header that cannot be sent. The message names the
 * template, the field ({@code url}, {@code headers.Authorization}, {@code body}, {@code body.items[0]},
 * {@code query.q}) and the line and column inside that field. Nothing is sent when this is thrown.
 */
public class TemplateRenderException extends ApiTplException {

    private final String template;
    private final String field;
    private final int line;
    private final int column;

    /**
     * @param line   1-based line inside the field, or 0 when the problem is not at one place
     * @param column 1-based column inside the line, or 0 when not known
     */
    public TemplateRenderException(String template, String field, int line, int column, String problem) {
        super("template '" + template + "': field '" + field + "'" + at(line, column) + ": " + problem);
        this.template = template;
        this.field = field;
        this.line = line;
        this.column = column;
    }

    public String template() {
        return template;
    }

    public String field() {
        return field;
    }

    /** 1-based line inside the field; 0 when not known. */
    public int line() {
        return line;
    }

    /** 1-based column inside the line; 0 when not known. */
    public int column() {
        return column;
    }

    static String at(int line, int column) {
        if (line <= 0) {
            return "";
        }
        return column > 0 ? " at " + line + ":" + column : " at line " + line;
    }
}
