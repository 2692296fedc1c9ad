package dev.apitpl.core.engine;

/** The thread of control a sequence of events belongs to (the top level, a Parallel branch, a Map iteration). */
final class Lane {

    /** The Map or Parallel run this lane is a unit of, or null at the top level. */
    final FanOut.Group group;
    long previousEventId;

    Lane(FanOut.Group group) {
        this.group = group;
    }
}
