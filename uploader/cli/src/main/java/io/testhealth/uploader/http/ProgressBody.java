package io.testhealth.uploader.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A request body read from a file in 64 KiB chunks, telling {@code sent} how many bytes have been handed to the
 * connection so far; every sending (a retry is one) reads the file again from its start.
 */
final class ProgressBody implements Flow.Publisher<ByteBuffer> {

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final LongConsumer sent;

    private ProgressBody(Path file, LongConsumer sent) {
        this.file = file;
        this.sent = sent;
    }

    /** A publisher of {@code file}'s bytes with their length, so the request has a Content-Length. */
    static HttpRequest.BodyPublisher of(Path file, long size, LongConsumer sent) {
        return HttpRequest.BodyPublishers.fromPublisher(new ProgressBody(file, sent), size);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new UncheckedIOException(e));
            return;
        }
        subscriber.onSubscribe(new Reading(in, subscriber));
    }

    /** Delivers chunks as they are asked for; a request made while delivering only adds to the demand. */
    private final class Reading implements Flow.Subscription {
        private final InputStream in;
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private long demand;
        private boolean delivering;
        private boolean done;
        private long total;

        Reading(InputStream in, Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.in = in;
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (n <= 0) {
                    done = true;
                    close();
                    subscriber.onError(new IllegalArgumentException("demand must be positive, got " + n));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (delivering) {
                    return;
                }
                delivering = true;
            }
            try {
                while (true) {
                    synchronized (this) {
                        if (done || demand == 0) {
                            delivering = false;
                            return;
                        }
                        demand--;
                    }
                    byte[] buf = new byte[CHUNK];
                    int r = in.readNBytes(buf, 0, CHUNK);
                    if (r <= 0) {
                        synchronized (this) {
                            done = true;
                            delivering = false;
                        }
                        close();
                        subscriber.onComplete();
                        return;
                    }
                    total += r;
                    sent.accept(total);
                    subscriber.onNext(ByteBuffer.wrap(buf, 0, r));
                }
            } catch (IOException e) {
                synchronized (this) {
                    done = true;
                    delivering = false;
                }
                close();
                subscriber.onError(e);
            }
        }

        @Override
        public synchronized void cancel() {
            done = true;
            close();
        }

        private void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing left to read from it either way
            }
        }
    }
}
