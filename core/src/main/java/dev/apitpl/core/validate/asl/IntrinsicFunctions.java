package dev.apitpl.core.validate.asl;

import dev.apitpl.core.asl.IntrinsicCall;
import dev.apitpl.core.asl.IntrinsicFunction;
import dev.apitpl.core.validate.ValidatorLimit;
import java.util.List;

/** Checks intrinsic function calls with the one parser ({@link IntrinsicCall}), adding "did you mean" hints. */
final class IntrinsicFunctions {

    /**
     * A parsed call: an error (null when it is valid) and the path arguments found at any depth; {@code tooDeep} when
     * calls are nested deeper than {@link ValidatorLimit#MAX_EXPRESSION_NESTING}, which are not parsed.
     */
    record Parsed(String error, List<String> paths, boolean tooDeep) {}

    private IntrinsicFunctions() {}

    /** Looks like an intrinsic function call rather than a path. */
    static boolean looksLikeCall(String text) {
        return IntrinsicCall.looksLikeCall(text);
    }

    static Parsed parse(String text) {
        try {
            return new Parsed(null, IntrinsicCall.parse(text, ValidatorLimit.MAX_EXPRESSION_NESTING).paths(), false);
        } catch (IntrinsicCall.SyntaxException e) {
            return switch (e.kind()) {
                case TOO_DEEP -> new Parsed(null, List.of(), true);
                case UNKNOWN_FUNCTION -> {
                    String closest = Suggestions.closest(e.name(), IntrinsicFunction.byName().keySet());
                    yield new Parsed(e.getMessage() + (closest != null ? " (did you mean '" + closest + "'?)" : ""),
                            List.of(), false);
                }
                case SYNTAX -> new Parsed(e.getMessage(), List.of(), false);
            };
        }
    }
}
