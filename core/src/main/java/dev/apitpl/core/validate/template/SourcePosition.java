package dev.apitpl.core.validate.template;

/** A 1-based line and column in a source file. */
record SourcePosition(int line, int column) {}
