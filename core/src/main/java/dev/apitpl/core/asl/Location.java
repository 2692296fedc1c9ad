package dev.apitpl.core.asl;

/**
 * Where a key or value starts in its source file.
 *
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Location(int line, int column) {

    /** The location of problems that concern the whole file. */
    public static final Location UNKNOWN = new Location(0, 0);
}
