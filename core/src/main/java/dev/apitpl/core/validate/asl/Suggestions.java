package dev.apitpl.core.validate.asl;

import java.util.Collection;

/** "did you mean ...?" hints: the closest known name by edit distance, when it is close enough to be a typo. */
final class Suggestions {

    private Suggestions() {}

    /** The candidate closest to {@code wrong}, or null when none is plausibly what was meant. */
    static String closest(String wrong, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wrong.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        // close enough to be a typo, and not merely a different short word ('X' is no typo of 'A')
        int allowed = Math.max(1, Math.min(3, wrong.length() / 3));
        return best != null && bestDistance <= allowed && bestDistance < wrong.length() && bestDistance < best.length()
                ? best : null;
    }

    /** "did you mean 'X'?" or the fallback text when nothing is close. */
    static String didYouMean(String wrong, Collection<String> candidates, String fallback) {
        String closest = closest(wrong, candidates);
        return closest != null ? "did you mean '" + closest + "'?" : fallback;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
