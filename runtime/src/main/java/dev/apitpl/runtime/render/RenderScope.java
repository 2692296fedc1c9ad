package dev.apitpl.runtime.render;

import dev.apitpl.runtime.error.ApiTplException;
import dev.apitpl.runtime.error.RenderLimitExceededException;
import dev.apitpl.runtime.error.TemplateRenderException;
import dev.apitpl.runtime.secret.SecretResolver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The state of the render running on this thread, for the code Jinjava calls back (the {@code secret()}
 * function, the sandbox resolver, the step counter): which template and field, which secrets were read
 * (to scrub them from messages), and the first failure, which ends the render.
 */
final class RenderScope {

    private static final ThreadLocal<RenderScope> CURRENT = new ThreadLocal<>();

    final String template;
    final SecretResolver secrets;
    final RenderLimits limits;
    private final List<String> secretValues = new ArrayList<>(2);
    private String field = "";
    private int steps;
    private int line;
    private int column;
    private ApiTplException failure;

    RenderScope(String template, SecretResolver secrets, RenderLimits limits) {
        this.template = template;
        this.secrets = secrets;
        this.limits = limits;
    }

    static RenderScope current() {
        RenderScope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("no template is being rendered on this thread");
        }
        return scope;
    }

    void open() {
        CURRENT.set(this);
    }

    void close() {
        CURRENT.remove();
    }

    void enterField(String name) {
        field = name;
        steps = 0;
        line = 0;
        column = 0;
        failure = null;
    }

    String field() {
        return field;
    }

    /** Counts one rendered node and remembers where it is, for errors Jinjava reports without a position. */
    void step(int nodeLine, int nodeColumn) {
        line = nodeLine;
        column = nodeColumn;
        if (++steps > limits.maxRenderSteps()) {
            throw fail(new RenderLimitExceededException(template, field,
                    "the limit of " + limits.maxRenderSteps() + " rendering steps (a loop renders too much)"));
        }
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    void secretRead(String value) {
        if (!value.isEmpty()) {
            secretValues.add(value);
        }
    }

    /** Each secret value read, with the spellings a URL gives it: percent-encoded and lower-case (a host). */
    Set<String> secretSpellings() {
        Set<String> spellings = new HashSet<>();
        for (String value : secretValues) {
            spellings.add(value);
            spellings.add(PercentEncoding.encode(value));
            spellings.add(value.toLowerCase(Locale.ROOT));
        }
        return spellings;
    }

    /** Records the failure that ends this field's render and returns an exception that unwinds Jinjava. */
    Abort fail(ApiTplException error) {
        if (failure == null) {
            failure = error;
        }
        return new Abort();
    }

    /** A sandbox refusal; {@code what} may quote a property or method name a secret supplied, so it is scrubbed. */
    Abort forbid(String what) {
        return fail(new TemplateRenderException(template, field, line, column, scrub(what)));
    }

    /** A template error at the current position, for code Jinjava calls (operators, filters, functions). */
    TemplateRenderException renderError(String message) {
        return new TemplateRenderException(template, field, line, column, scrub(message));
    }

    /** A limit reached at the current position; {@code what} names the limit ("the limit of ..."). */
    RenderLimitExceededException limitError(String what) {
        return new RenderLimitExceededException(template, field, what);
    }

    ApiTplException failure() {
        return failure;
    }

    /** The text with every secret value read so far replaced by {@code ***}. */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String scrubbed = text;
        for (String value : secretValues) {
            scrubbed = scrubbed.replace(value, "***");
        }
        return scrubbed;
    }

    /**
     * Unwinds the Jinjava evaluation after {@link #fail}. An Error, because Jinjava catches and records every
     * Exception inside tags and loops and would carry on rendering; carries no message so nothing can leak.
     */
    static final class Abort extends Error {
        Abort() {
            super("render stopped", null, false, false);
        }
    }
}
