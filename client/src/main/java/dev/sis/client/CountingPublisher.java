package dev.sis.client;

import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A body publisher that tells a listener how many bytes the HTTP client has taken from it. The
 * client takes a buffer when it can write it (its flow control asks for more only as the
 * connection drains), so the count follows what has been sent, give or take a buffer or two.
 */
final class CountingPublisher implements BodyPublisher {
    private final BodyPublisher body;
    private final LongConsumer taken;

    CountingPublisher(BodyPublisher body, LongConsumer taken) {
        this.body = body;
        this.taken = taken;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer buffer) {
                int bytes = buffer.remaining();
                subscriber.onNext(buffer);
                taken.accept(bytes);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
