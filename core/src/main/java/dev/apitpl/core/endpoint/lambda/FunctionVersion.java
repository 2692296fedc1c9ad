package dev.apitpl.core.endpoint.lambda;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The configuration of {@code $LATEST} or of one published version, with its state. A version is a copy of
 * {@code $LATEST} taken when it was published; only its state changes afterwards.
 */
final class FunctionVersion {

    static final String CREATING = "The function is being created.";
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    String name;
    String version = FunctionRef.LATEST;
    String runtime;
    String handler;
    String role;
    String description = "";
    int timeout = 3;
    int memorySize = 128;
    int ephemeralStorage = 512;
    /** Null when the function has no {@code Environment} (AWS then leaves it out). */
    Map<String, String> environment;
    List<String> architectures = List.of("x86_64");
    String snapStartApplyOn = "None";
    String tracingMode = "PassThrough";
    String packageType = "Zip";
    CodePackage code;
    String lastModified;
    String revisionId;
    String state;
    String stateReason;
    String stateReasonCode;
    String lastUpdateStatus;
    String lastUpdateStatusReason;
    String lastUpdateStatusReasonCode;
    /** For a version: the description $LATEST had when it was published (its own description may differ). */
    String configDescription;
    /** Grows with every change of code or configuration: a warm sandbox of an older generation is replaced. */
    long generation;

    FunctionVersion copy() {
        FunctionVersion c = new FunctionVersion();
        c.name = name;
        c.version = version;
        c.runtime = runtime;
        c.handler = handler;
        c.role = role;
        c.description = description;
        c.timeout = timeout;
        c.memorySize = memorySize;
        c.ephemeralStorage = ephemeralStorage;
        c.environment = environment == null ? null : new LinkedHashMap<>(environment);
        c.architectures = architectures;
        c.snapStartApplyOn = snapStartApplyOn;
        c.tracingMode = tracingMode;
        c.packageType = packageType;
        c.code = code;
        c.lastModified = lastModified;
        c.revisionId = revisionId;
        c.state = state;
        c.stateReason = stateReason;
        c.stateReasonCode = stateReasonCode;
        c.lastUpdateStatus = lastUpdateStatus;
        c.lastUpdateStatusReason = lastUpdateStatusReason;
        c.lastUpdateStatusReasonCode = lastUpdateStatusReasonCode;
        c.generation = generation;
        return c;
    }

    /** Whether publishing this {@code $LATEST} would give a version equal to {@code published}. */
    boolean samePublishedContent(FunctionVersion published) {
        return code.sha256().equals(published.code.sha256()) && eq(runtime, published.runtime) && eq(handler, published.handler)
                && eq(role, published.role) && timeout == published.timeout && memorySize == published.memorySize
                && ephemeralStorage == published.ephemeralStorage && eq(environment, published.environment)
                && eq(architectures, published.architectures) && eq(snapStartApplyOn, published.snapStartApplyOn)
                && eq(tracingMode, published.tracingMode) && eq(description, published.configDescription);
    }

    void newRevision() {
        revisionId = UUID.randomUUID().toString();
    }

    void touch(Instant now) {
        lastModified = LAST_MODIFIED.format(now);
        newRevision();
    }

    void pending() {
        state = "Pending";
        stateReason = CREATING;
        stateReasonCode = "Creating";
        lastUpdateStatus = null;
        lastUpdateStatusReason = null;
        lastUpdateStatusReasonCode = null;
    }

    void updating() {
        state = "Active";
        stateReason = null;
        stateReasonCode = null;
        lastUpdateStatus = "InProgress";
        lastUpdateStatusReason = CREATING;
        lastUpdateStatusReasonCode = "Creating";
    }

    void settled() {
        state = "Active";
        stateReason = null;
        stateReasonCode = null;
        lastUpdateStatus = "Successful";
        lastUpdateStatusReason = null;
        lastUpdateStatusReasonCode = null;
        newRevision();
    }

    boolean busy() {
        return "Pending".equals(state) || "InProgress".equals(lastUpdateStatus);
    }

    private static boolean eq(Object a, Object b) {
        return a == null ? b == null : a.equals(b);
    }
}
