package dev.apitpl.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apitpl.runtime.error.InvalidTemplateException;
import dev.apitpl.runtime.template.ApiTemplate;
import dev.apitpl.runtime.template.TemplateCodec;
import dev.apitpl.runtime.template.TemplateContentHash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seeds the template table with the project's templates, never losing anyone's change: reads the table consistently,
 * compares content hashes ({@link TemplateContentHash}, stored on each item apitpl writes as
 * {@link TemplateCodec#CONTENT_HASH_ATTRIBUTE}), writes only what changed, each write conditional on the item being
 * as it was read. A template edited in the table since apitpl last wrote it is a conflict: reported, not written,
 * unless forced. Conditional writes go out in parallel (BatchWriteItem takes no condition), one per request for small
 * sets and in TransactWriteItems of up to 100 for large ones; forced ones in batches.
 */
public final class TemplateSeeder {

    /**
     * How to seed.
     *
     * @param createTable create the table when it is missing ({@code apitpl.createTable})
     * @param force       overwrite conflicts ({@code apitpl.force})
     * @param prune       delete items of templates the project no longer has, if apitpl wrote them and they are unchanged
     * @param dryRun      write nothing; the result says what would have been written
     */
    public record Options(boolean createTable, boolean force, boolean prune, boolean dryRun) {
        public static final Options DEFAULT = new Options(false, false, false, false);
    }

    /** Conditional writes in flight at once: each is one round trip, so a few threads hide the latency. */
    static final int PARALLEL_WRITES = 16;
    /** Up to this many conditional writes go out one per request. */
    static final int SINGLE_WRITES_UP_TO = 200;
    /** TransactWriteItems' 4 MB, less a margin for the conditions and the request's own JSON. */
    private static final long TRANSACTION_BYTES = 3L * 1024 * 1024;

    private final AwsClients aws;
    private final Consumer<String> log;

    public TemplateSeeder(AwsClients aws, Consumer<String> log) {
        this.aws = aws;
        this.log = log;
    }

    /** What {@link #seed} would do, from a consistent read of the table. Writes nothing. */
    public SeedPlan plan(String tableName, List<ApiTemplate> templates, Options options) throws PublishException {
        TemplateTable table = new TemplateTable(aws, requireTable(tableName));
        boolean exists = table.exists();
        if (!exists && !options.createTable()) {
            throw new PublishException("The template table " + tableName + " does not exist in region " + aws.region()
                    + (aws.connection().endpoint() == null ? "" : " at " + aws.connection().endpoint())
                    + "; create it with -Dapitpl.createTable=true (<createTable>), or name the existing table with "
                    + "-Dapitpl.templateTable (<templateTable>) and its region with -Dapitpl.region");
        }
        Map<String, Map<String, AttributeValue>> remote = new LinkedHashMap<>();
        if (exists) {
            for (Map<String, AttributeValue> item : table.readAll()) {
                remote.put(key(attribute(item, TemplateCodec.PARTITION_KEY), attribute(item, TemplateCodec.SORT_KEY)), item);
            }
        }
        List<TemplateChange> changes = new ArrayList<>(templates.size());
        for (ApiTemplate template : templates) {
            changes.add(change(template, remote.remove(key(template.name(), template.method())), options));
        }
        for (Map<String, AttributeValue> item : remote.values()) {
            changes.add(leftover(item, options));
        }
        return new SeedPlan(tableName, exists, changes);
    }

    /** Seeds the table; ends with one summary line in the log. */
    public SeedResult seed(String tableName, List<ApiTemplate> templates, Options options) throws PublishException {
        SeedPlan plan = plan(tableName, templates, options);
        Map<TemplateChange.Action, Integer> counts = plan.counts();
        List<TemplateChange> conflicts = Collections.synchronizedList(new ArrayList<>(plan.with(TemplateChange.Action.CONFLICT)));
        if (options.dryRun()) {
            SeedResult result = new SeedResult(tableName, counts.get(TemplateChange.Action.CREATE),
                    counts.get(TemplateChange.Action.UPDATE) + counts.get(TemplateChange.Action.OVERWRITE),
                    counts.get(TemplateChange.Action.UNCHANGED), conflicts, counts.get(TemplateChange.Action.DELETE), true);
            log.accept(result.summary());
            return result;
        }
        TemplateTable table = new TemplateTable(aws, tableName);
        if (!plan.tableExists()) {
            log.accept("seed: creating table " + tableName + " (PK/SK strings, on-demand) and waiting until it is active");
            table.create();
        }
        Progress progress = new Progress(plan.changes().stream().filter(c -> c.action().writes()).count(), log);
        AtomicInteger created = new AtomicInteger();
        AtomicInteger updated = new AtomicInteger();
        AtomicInteger deleted = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ExecutorService writers = Executors.newFixedThreadPool(PARALLEL_WRITES, runnable -> {
            Thread thread = new Thread(runnable, "apitpl-seed");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<TemplateChange> conditional = plan.changes().stream().filter(c -> c.action() == TemplateChange.Action.CREATE
                    || c.action() == TemplateChange.Action.UPDATE || c.action() == TemplateChange.Action.DELETE).toList();
            for (List<TemplateChange> group : groups(conditional)) {
                writers.execute(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        boolean[] written = group.size() == 1 ? new boolean[] {write(table, group.get(0))} : table.writeAll(group);
                        for (int i = 0; i < group.size(); i++) {
                            TemplateChange change = group.get(i);
                            if (written[i]) {
                                (change.action() == TemplateChange.Action.CREATE ? created
                                        : change.action() == TemplateChange.Action.UPDATE ? updated : deleted).incrementAndGet();
                                progress.written();
                            } else {
                                conflicts.add(change.as(TemplateChange.Action.CONFLICT,
                                        "changed in the table while seeding (by someone else or a concurrent seed)"));
                            }
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            List<TemplateChange> overwrites = plan.with(TemplateChange.Action.OVERWRITE);
            if (!overwrites.isEmpty()) {
                try {
                    table.putAll(overwrites.stream().map(TemplateChange::item).toList(), () -> {
                        updated.incrementAndGet();
                        progress.written();
                    });
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        } finally {
            writers.shutdown();
            awaitQuietly(writers);
        }
        if (failure.get() != null) {
            throw new PublishException("seed " + tableName + " stopped after " + (created.get() + updated.get() + deleted.get())
                    + " of " + progress.total + " writes (" + created.get() + " created, " + updated.get() + " updated, "
                    + deleted.get() + " deleted): " + failure.get().getMessage()
                    + ". Nothing written is lost; rerun to resume: what was written is then unchanged", failure.get());
        }
        SeedResult result = new SeedResult(tableName, created.get(), updated.get(), counts.get(TemplateChange.Action.UNCHANGED),
                conflicts, deleted.get(), false);
        for (TemplateChange conflict : result.conflicts()) {
            log.accept("seed: conflict " + conflict.label() + ": " + conflict.reason()
                    + (conflict.differingFields().isEmpty() ? "" : " (fields " + String.join(", ", conflict.differingFields()) + ")")
                    + "; not overwritten (-Dapitpl.force=true overwrites)");
        }
        log.accept(result.summary());
        return result;
    }

    /**
     * The conditional writes in the groups they go out in: one at a time (a PutItem or DeleteItem each) for sets of
     * up to {@value #SINGLE_WRITES_UP_TO}, where a transaction would cost twice the write capacity for no gain;
     * beyond that, TransactWriteItems of up to 100 (at least {@value #PARALLEL_WRITES} groups in flight, under 4 MB
     * each), which keep every write's condition in a tenth or less of the requests.
     */
    static List<List<TemplateChange>> groups(List<TemplateChange> changes) {
        int size = changes.size() <= SINGLE_WRITES_UP_TO ? 1
                : Math.min(TemplateTable.TRANSACTION_SIZE, Math.max(2, changes.size() / PARALLEL_WRITES));
        List<List<TemplateChange>> groups = new ArrayList<>();
        List<TemplateChange> group = new ArrayList<>();
        long bytes = 0;
        for (TemplateChange change : changes) {
            long changeBytes = TemplateTable.size(change.item() != null ? change.item() : change.remote());
            if (!group.isEmpty() && (group.size() == size || bytes + changeBytes > TRANSACTION_BYTES)) {
                groups.add(group);
                group = new ArrayList<>();
                bytes = 0;
            }
            group.add(change);
            bytes += changeBytes;
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    private static boolean write(TemplateTable table, TemplateChange change) {
        return switch (change.action()) {
            case CREATE -> table.putIfAbsent(change.item());
            case UPDATE -> table.putIfUnchanged(change.item(), change.remote());
            case DELETE -> table.deleteIfUnchanged(change.remote());
            default -> throw new IllegalArgumentException(change.action().name());
        };
    }

    private static TemplateChange change(ApiTemplate template, Map<String, AttributeValue> remote, Options options) {
        String hash = TemplateContentHash.of(template);
        Map<String, AttributeValue> item = new LinkedHashMap<>(TemplateCodec.toAttributeValues(template));
        item.put(TemplateCodec.CONTENT_HASH_ATTRIBUTE, AttributeValue.fromS(hash));
        if (remote == null) {
            return new TemplateChange(template.name(), template.method(), TemplateChange.Action.CREATE, List.of(), null, item, null);
        }
        RemoteContent content = RemoteContent.of(remote);
        if (hash.equals(content.hash)) {
            return new TemplateChange(template.name(), template.method(), TemplateChange.Action.UNCHANGED, List.of(), null, null, remote);
        }
        List<String> differing = content.template == null ? List.of() : differingFields(template, content.template);
        if (content.writtenByApitplAndUnchanged()) {
            return new TemplateChange(template.name(), template.method(), TemplateChange.Action.UPDATE, differing, null, item, remote);
        }
        String reason = content.conflictReason();
        return new TemplateChange(template.name(), template.method(),
                options.force() ? TemplateChange.Action.OVERWRITE : TemplateChange.Action.CONFLICT, differing, reason, item, remote);
    }

    private static TemplateChange leftover(Map<String, AttributeValue> remote, Options options) {
        RemoteContent content = RemoteContent.of(remote);
        String name = attribute(remote, TemplateCodec.PARTITION_KEY);
        String method = attribute(remote, TemplateCodec.SORT_KEY);
        if (content.writtenByApitplAndUnchanged()) {
            return new TemplateChange(name, method, options.prune() ? TemplateChange.Action.DELETE : TemplateChange.Action.KEEP,
                    List.of(), options.prune() ? null : "no longer in the project (-Dapitpl.prune=true deletes it)", null, remote);
        }
        return new TemplateChange(name, method, TemplateChange.Action.KEEP, List.of(),
                "no longer in the project but " + content.conflictReason() + ", so never pruned", null, remote);
    }

    private static List<String> differingFields(ApiTemplate local, ApiTemplate remote) {
        ObjectNode mine = TemplateCodec.toJson(local);
        ObjectNode theirs = TemplateCodec.toJson(remote);
        List<String> fields = new ArrayList<>();
        for (String field : TemplateCodec.FIELDS) {
            JsonNode a = mine.get(field);
            JsonNode b = theirs.get(field);
            if (!Objects.equals(a, b)) {
                fields.add(field);
            }
        }
        return fields;
    }

    /** An item as read: its template (null when it is not a valid one), current hash and the hash apitpl stored. */
    private record RemoteContent(ApiTemplate template, String hash, String stored, String invalid) {
        static RemoteContent of(Map<String, AttributeValue> item) {
            AttributeValue stored = item.get(TemplateCodec.CONTENT_HASH_ATTRIBUTE);
            String storedHash = stored == null ? null : stored.s();
            try {
                ApiTemplate template = TemplateCodec.fromAttributeValues(item);
                return new RemoteContent(template, TemplateContentHash.of(template), storedHash, null);
            } catch (InvalidTemplateException e) {
                return new RemoteContent(null, null, storedHash, e.getMessage());
            }
        }

        boolean writtenByApitplAndUnchanged() {
            return hash != null && hash.equals(stored);
        }

        String conflictReason() {
            if (invalid != null) {
                return "the table's item is not a valid template (" + invalid + ")";
            }
            return stored == null ? "the table's item was not written by apitpl" : "edited in the table since apitpl last wrote it";
        }
    }

    private static String attribute(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? "" : value.s();
    }

    private static String key(String name, String method) {
        return name + '\u0000' + method;
    }

    private static String requireTable(String table) throws PublishException {
        if (table == null || table.isBlank()) {
            throw new PublishException("No template table named: set -Dapitpl.templateTable=NAME (<templateTable>)");
        }
        return table;
    }

    private static void awaitQuietly(ExecutorService writers) {
        try {
            writers.awaitTermination(1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs progress every tenth of a large set. */
    private static final class Progress {
        private final long total;
        private final Consumer<String> log;
        private final AtomicInteger done = new AtomicInteger();
        private final long step;

        Progress(long total, Consumer<String> log) {
            this.total = total;
            this.log = log;
            this.step = total >= 1000 ? Math.max(1, total / 10) : Long.MAX_VALUE;
        }

        void written() {
            int now = done.incrementAndGet();
            if (now % step == 0 && now < total) {
                log.accept("seed: " + now + "/" + total + " written");
            }
        }
    }
}
