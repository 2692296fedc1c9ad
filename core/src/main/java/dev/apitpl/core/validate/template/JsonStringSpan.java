package dev.apitpl.core.validate.template;

import java.util.Arrays;

/**
 * Maps character offsets inside a decoded JSON string value back to line and column in the file, so that an error
 * Jinja reports at "line 1, column 17" of a header value is shown where that character sits in the file. Escapes
 * ({@code \n}, {@code \"}, {@code \u00e9}) make the two differ, hence the per-character table.
 */
final class JsonStringSpan {

    private final int[] lineStarts;
    private final int[] rawOffsets;
    private final int quoteOffset;

    private JsonStringSpan(int[] lineStarts, int[] rawOffsets, int quoteOffset) {
        this.lineStarts = lineStarts;
        this.rawOffsets = rawOffsets;
        this.quoteOffset = quoteOffset;
    }

    /**
     * @param content the whole file
     * @param lineStarts offsets at which each line of {@code content} starts
     * @param quoteOffset offset of the string's opening quote
     */
    static JsonStringSpan at(String content, int[] lineStarts, int quoteOffset) {
        int[] offsets = new int[16];
        int count = 0;
        int i = quoteOffset + 1;
        while (i < content.length() && content.charAt(i) != '"') {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = i;
            if (content.charAt(i) == '\\') {
                boolean unicode = i + 1 < content.length() && content.charAt(i + 1) == 'u';
                i += unicode ? 6 : 2;
            } else {
                i++;
            }
        }
        return new JsonStringSpan(lineStarts, Arrays.copyOf(offsets, count), quoteOffset);
    }

    /** Offsets at which each line of {@code text} starts. */
    static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }

    /** Where the character at {@code index} of the decoded string sits in the file (past the end: the closing quote). */
    SourcePosition position(int index) {
        int raw;
        if (rawOffsets.length == 0) {
            raw = quoteOffset + 1;
        } else if (index < 0) {
            raw = rawOffsets[0];
        } else if (index >= rawOffsets.length) {
            raw = rawOffsets[rawOffsets.length - 1] + 1;
        } else {
            raw = rawOffsets[index];
        }
        return positionOfOffset(lineStarts, raw);
    }

    static SourcePosition positionOfOffset(int[] lineStarts, int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return new SourcePosition(line + 1, offset - lineStarts[line] + 1);
    }
}
