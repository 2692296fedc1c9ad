package dev.apitpl.core.asl;

import com.fasterxml.jackson.databind.JsonNode;

/** An argument of an intrinsic function call: a literal, a quoted string, a path or a nested call. */
public sealed interface IntrinsicArgument
        permits IntrinsicArgument.Literal, IntrinsicArgument.Text, IntrinsicArgument.PathArgument, IntrinsicCall {

    /** A number, true, false or null. */
    record Literal(JsonNode value) implements IntrinsicArgument {}

    /** A quoted string: {@code raw} keeps escapes (Format tells \{ from {), {@code value} is unescaped. */
    record Text(String raw, String value) implements IntrinsicArgument {}

    /** A path ({@code $.x}, {@code $$.x} or {@code $variable}) read when the call is evaluated. */
    record PathArgument(String path) implements IntrinsicArgument {}
}
