package dev.apitpl.core.engine;

/**
 * Sees each history event as it is recorded, e.g. to print a live trace. Called on the thread that produced the
 * event (Map and Parallel run on pool threads), so implementations must be thread-safe and quick. What a listener
 * throws stops the execution and is rethrown from {@code execute}, whichever thread it was thrown on.
 */
@FunctionalInterface
public interface ExecutionListener {

    void onEvent(HistoryEvent event);
}
