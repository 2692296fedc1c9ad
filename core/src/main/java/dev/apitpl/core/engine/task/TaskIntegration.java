package dev.apitpl.core.engine.task;

/** A {@link TaskInvoker} for one family of {@code Resource} ARNs, chosen by a {@link TaskDispatcher}. */
public interface TaskIntegration extends TaskInvoker {

    /** Whether this integration runs tasks whose {@code Resource} is {@code resource}. */
    boolean handles(String resource);
}
