package dev.apitpl.runtime.http;

import dev.apitpl.runtime.error.ResponseTooLargeException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap and cancels the stream as soon as the cap is passed, so a 10 MB
 * answer costs at most the cap (plus one network buffer) in memory.
 */
final class CappedBodySubscriber implements BodySubscriber<byte[]> {

    private final long cap;
    private final String host;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final long declaredLength;
    private Flow.Subscription subscription;
    private long received;

    CappedBodySubscriber(long cap, String host, long declaredLength) {
        this.cap = cap;
        this.host = host;
        this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > cap) {
            s.cancel();
            result.completeExceptionally(tooLarge("declares Content-Length " + declaredLength));
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            if (received > cap) {
                subscription.cancel();
                result.completeExceptionally(tooLarge("sent more than that"));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            collected.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(collected.toByteArray());
    }

    private ResponseTooLargeException tooLarge(String what) {
        return new ResponseTooLargeException("The response from " + host + " exceeds the " + cap
                + "-byte read cap (it " + what + "); narrow the API's answer (fields, paging) or raise "
                + CallLimits.MAX_RESPONSE_BYTES_ENV);
    }
}
