package dev.apitpl.core.engine;

import dev.apitpl.core.asl.ErrorNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the units of a Map or Parallel state (its iterations, its branches) on threads of their own, each in a
 * {@link Lane} of one {@link Group}, and joins them all before the state returns.
 */
final class FanOut {

    private FanOut() {}

    /** The work of one unit, by its index. */
    @FunctionalInterface
    interface Unit {
        void run(int index, Lane lane);
    }

    /**
     * The iterations of one Map run or the branches of one Parallel run. When one of them fails the state, the group is
     * cancelled: no further unit starts, running ones stop before their next state and wake from Wait and Retry
     * sleeps. A Task call already in progress is not interrupted (an interrupt means ABORTED); its branch stops when
     * the call returns. Nested groups are cancelled with their enclosing one.
     */
    static final class Group implements Sleeper.Cancellation {
        private final Group parent;
        /** The execution's signal, shared by all its groups, so that a cancelled parent wakes its children's sleeps. */
        private final Object signal;
        private volatile boolean cancelled;

        Group(Group parent, Object signal) {
            this.parent = parent;
            this.signal = signal;
        }

        @Override
        public boolean isCancelled() {
            return cancelled || (parent != null && parent.isCancelled());
        }

        void cancel() {
            cancelled = true;
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        @Override
        public boolean await(Duration duration) throws InterruptedException {
            long total;
            try {
                total = duration.toNanos();
            } catch (ArithmeticException tooLong) {
                total = Long.MAX_VALUE;
            }
            long start = System.nanoTime();
            synchronized (signal) {
                while (!isCancelled()) {
                    long left = total - (System.nanoTime() - start);
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            }
            return true;
        }
    }

    /** The branch or iteration's group was cancelled: it stops without an outcome of its own. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /**
     * Runs units 0..count-1 on at most {@code limit} threads (the calling thread alone when limit or count is 1)
     * and joins them all before returning, so no thread outlives the state. Returns the failure that ends the
     * state, or null: more than {@code toleratedFailures} failed units (when tolerance is set) give
     * States.ExceedToleratedFailureThreshold; without tolerance the first failure ends the state. A failure that ends
     * the state cancels the rest (see {@link Group}): no new unit starts, running ones stop at their next state or
     * Wait/Retry sleep, a Task call in progress completes first. Anything else a unit throws (an {@link Error}, a
     * listener's or sleeper's exception) cancels the rest too and is rethrown here, on the calling thread, as it
     * would have been had the unit run there.
     *
     * @param tolerance negative without tolerated failures
     */
    static StatesError run(StateRun run, int count, int limit, int toleratedFailures, int tolerance, Unit unit) {
        Lane parent = run.lane;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<StatesError> firstFailure = new AtomicReference<>();
        AtomicReference<Throwable> unexpected = new AtomicReference<>();
        Group group = new Group(parent.group, run.execution.cancelSignal);
        long parentEvent = parent.previousEventId;
        Runnable worker = () -> {
            int index;
            while (!group.isCancelled() && (index = next.getAndIncrement()) < count) {
                Lane lane = new Lane(group);
                lane.previousEventId = parentEvent;
                try {
                    unit.run(index, lane);
                } catch (Cancelled e) {
                    // Stopped because the group was cancelled: the failure that cancelled it is the outcome.
                } catch (StatesError e) {
                    firstFailure.compareAndSet(null, e);
                    int failed = failures.incrementAndGet();
                    if (tolerance < 0 || failed > toleratedFailures) {
                        group.cancel();
                    }
                } catch (Throwable e) {
                    unexpected.compareAndSet(null, e);
                    group.cancel();
                }
            }
        };
        int threads = Math.min(count, Math.max(1, limit));
        if (threads <= 1) {
            worker.run();
        } else {
            runOnThreads(worker, threads, group, run.execution.options.executionName());
        }
        Throwable thrown = unexpected.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        if (parent.group != null && parent.group.isCancelled()) {
            throw new Cancelled();
        }
        if (firstFailure.get() == null) {
            return null;
        }
        if (tolerance < 0) {
            return firstFailure.get();
        }
        if (failures.get() > toleratedFailures) {
            return StatesError.raised(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        return null;
    }

    private static void runOnThreads(Runnable worker, int threads, Group group, String executionName) {
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(worker, "apitpl-engine-" + executionName + "-" + i);
            thread.setDaemon(true);
            thread.start();
            started.add(thread);
        }
        boolean interrupted = false;
        for (Thread thread : started) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    group.cancel();
                    started.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new Execution.Aborted();
        }
    }
}
