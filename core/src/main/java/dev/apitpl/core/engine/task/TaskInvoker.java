package dev.apitpl.core.engine.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs the work of a {@code Task} state. The engine resolves the state's effective input (after
 * InputPath/Parameters or Arguments) and hands it here; the returned value is the raw task result,
 * to which the engine then applies ResultSelector/ResultPath (or Output).
 */
@FunctionalInterface
public interface TaskInvoker {

    JsonNode invoke(TaskRequest request) throws TaskFailedException;
}
