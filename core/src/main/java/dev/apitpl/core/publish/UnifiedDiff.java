package dev.apitpl.core.publish;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines (longest common subsequence), with three lines of context. */
final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff lines ({@code --- }, {@code +++ }, {@code @@ }, {@code -}, {@code +}, {@code ' '}), empty when equal. */
    static List<String> of(String before, String after, String beforeName, String afterName) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        if (a.equals(b)) {
            return List.of();
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        // edits: ' ' keep, '-' remove, '+' add, with their line numbers in a and b
        List<char[]> kinds = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                kinds.add(new char[] {' '});
                texts.add(a.get(i));
                positions.add(new int[] {i++, j++});
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                kinds.add(new char[] {'+'});
                texts.add(b.get(j));
                positions.add(new int[] {i, j++});
            } else {
                kinds.add(new char[] {'-'});
                texts.add(a.get(i));
                positions.add(new int[] {i++, j});
            }
        }
        List<String> out = new ArrayList<>();
        out.add("--- " + beforeName);
        out.add("+++ " + afterName);
        int k = 0;
        while (k < kinds.size()) {
            if (kinds.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < kinds.size() && (kinds.get(end)[0] != ' ' || end - lastChange <= 2 * CONTEXT)) {
                if (kinds.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(kinds.size(), lastChange + CONTEXT + 1);
            int aStart = positions.get(start)[0];
            int bStart = positions.get(start)[1];
            int aCount = 0;
            int bCount = 0;
            List<String> hunk = new ArrayList<>();
            for (int h = start; h < end; h++) {
                char kind = kinds.get(h)[0];
                hunk.add(kind + texts.get(h));
                aCount += kind == '+' ? 0 : 1;
                bCount += kind == '-' ? 0 : 1;
            }
            out.add("@@ -" + (aStart + 1) + "," + aCount + " +" + (bStart + 1) + "," + bCount + " @@");
            out.addAll(hunk);
            k = end;
        }
        return out;
    }
}
