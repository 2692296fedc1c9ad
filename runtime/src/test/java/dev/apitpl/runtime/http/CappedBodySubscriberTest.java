package dev.apitpl.runtime.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitpl.runtime.error.ResponseTooLargeException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The body cap on its own: it asks for one buffer at a time and stops asking, and cancels, past the cap. */
class CappedBodySubscriberTest {

    private static final class CountingSubscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested += n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static List<ByteBuffer> chunk(int size) {
        return List.of(ByteBuffer.wrap(new byte[size]));
    }

    @Test
    void aBodyWithinTheCapIsCollectedWhole() throws Exception {
        CappedBodySubscriber body = new CappedBodySubscriber(10, "api.example", -1);
        CountingSubscription subscription = new CountingSubscription();
        body.onSubscribe(subscription);
        body.onNext(List.of(ByteBuffer.wrap("hello".getBytes())));
        body.onNext(List.of(ByteBuffer.wrap("world".getBytes())));
        body.onComplete();

        assertArrayEquals("helloworld".getBytes(), body.getBody().toCompletableFuture().get());
        assertEquals(3, subscription.requested, "one buffer at a time: backpressure bounds what is in flight");
    }

    @Test
    void passingTheCapCancelsTheStreamAndStopsAsking() {
        CappedBodySubscriber body = new CappedBodySubscriber(1024, "api.example", -1);
        CountingSubscription subscription = new CountingSubscription();
        body.onSubscribe(subscription);
        body.onNext(chunk(1000));
        body.onNext(chunk(1000));
        long requestedAtCap = subscription.requested;
        body.onNext(chunk(1000)); // a buffer already in flight is ignored

        assertTrue(subscription.cancelled);
        assertEquals(requestedAtCap, subscription.requested, "no more buffers requested after the cap");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> body.getBody().toCompletableFuture().get());
        assertInstanceOf(ResponseTooLargeException.class, failure.getCause());
        assertTrue(failure.getCause().getMessage().contains("api.example"), failure.getCause().getMessage());
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeAnyByteIsRead() {
        CappedBodySubscriber body = new CappedBodySubscriber(1024, "api.example", 10_485_760);
        CountingSubscription subscription = new CountingSubscription();
        body.onSubscribe(subscription);

        assertTrue(subscription.cancelled);
        assertEquals(0, subscription.requested);
        assertTrue(body.getBody().toCompletableFuture().isCompletedExceptionally());
    }
}
