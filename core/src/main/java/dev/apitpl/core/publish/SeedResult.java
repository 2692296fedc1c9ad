package dev.apitpl.core.publish;

import java.util.List;

/**
 * What a seed did.
 *
 * @param table     the table
 * @param created   items written that were absent
 * @param updated   items rewritten (changed in the project, or overwritten with force)
 * @param unchanged items left as they were because their content is the project's
 * @param conflicts templates edited in the table (or concurrently) and therefore not written
 * @param deleted   items pruned
 * @param dryRun    true when nothing was written and the counts say what would have been
 */
public record SeedResult(String table, int created, int updated, int unchanged, List<TemplateChange> conflicts,
                         int deleted, boolean dryRun) {

    public SeedResult {
        conflicts = List.copyOf(conflicts);
    }

    /** Items written (or that would be, in a dry run). */
    public int writes() {
        return created + updated + deleted;
    }

    /** The one summary line: {@code seed api-templates: 2 created, 1 updated, 7 unchanged, 0 conflicts, 0 deleted}. */
    public String summary() {
        return (dryRun ? "seed (dry run, nothing written) " : "seed ") + table + ": " + created + " created, " + updated
                + " updated, " + unchanged + " unchanged, " + conflicts.size() + (conflicts.size() == 1 ? " conflict, " : " conflicts, ")
                + deleted + " deleted";
    }
}
