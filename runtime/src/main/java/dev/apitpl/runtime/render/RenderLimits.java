package dev.apitpl.runtime.render;

/**
 * Bounds on what one render may produce or do; a render that reaches one fails with
 * {@link dev.apitpl.runtime.error.RenderLimitExceededException} instead of allocating or looping on.
 *
 * @param maxFieldChars  longest rendered value of one field (URL, one header, one query value, a text body,
 *                       one JSON body leaf) and longest string an expression may build
 * @param maxBodyChars   longest serialised JSON body
 * @param maxRenderSteps most template nodes (text, expressions, tags, loop bodies) one field may render
 * @param maxRenderDepth deepest nesting of macro calls
 * @param cacheEntries   how many parsed field templates are kept across invocations
 */
public record RenderLimits(int maxFieldChars, int maxBodyChars, int maxRenderSteps, int maxRenderDepth, int cacheEntries) {

    /** 64 KiB per field, 1 MiB per JSON body, 20,000 steps, depth 10, 1,024 cached templates. */
    public static final RenderLimits DEFAULT = new RenderLimits(64 * 1024, 1024 * 1024, 20_000, 10, 1024);

    public RenderLimits {
        if (maxFieldChars < 1 || maxBodyChars < 1 || maxRenderSteps < 1 || maxRenderDepth < 1 || cacheEntries < 1) {
            throw new IllegalArgumentException("every render limit must be at least 1: " + maxFieldChars + ", " + maxBodyChars
                    + ", " + maxRenderSteps + ", " + maxRenderDepth + ", " + cacheEntries);
        }
    }
}
