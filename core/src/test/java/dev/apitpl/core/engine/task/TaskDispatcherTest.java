package dev.apitpl.core.engine.task;

import dev.apitpl.core.engine.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaskDispatcherTest {

    @Test
    void aResourceWithoutIntegrationFailsWithAMessageSayingHowToMockIt() {
        TaskDispatcher dispatcher = new TaskDispatcher(List.of(new HttpIntegration(Json.MAPPER)));

        TaskFailedException failure = assertThrows(TaskFailedException.class, () -> dispatcher.invoke(
                new TaskRequest("Notify", "arn:aws:states:::sns:publish", null, 0, null)));

        assertEquals("States.Runtime", failure.error());
        assertTrue(failure.cause().contains("'arn:aws:states:::sns:publish'"), failure.cause());
        assertTrue(failure.cause().contains("MockedResponses"), failure.cause());
    }
}
