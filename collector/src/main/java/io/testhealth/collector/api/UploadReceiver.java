package io.testhealth.collector.api;

import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.ingest.UploadSpool;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Receives an upload's body into the spool folder without holding a thread while the client sends: the bytes are
 * written as they arrive, and the upload executor is asked for only when the body is complete. A client that sends
 * slowly costs a connection and a spool file, never one of the threads that parse and store uploads.
 *
 * <p>A body that stops arriving for {@link ClientLimits#bodyIdleTimeout()} (no byte of a raw body, no new part of a
 * form) is refused with {@link Reason#BODY_TIMEOUT} and its spooled files are deleted; a body over
 * {@link IngestLimits#maxUploadBytes()} is refused as it crosses the limit.
 */
@Singleton
final class UploadReceiver {

    private final UploadSpool spool;
    private final IngestLimits limits;
    private final ClientLimits clients;
    private final ExecutorService uploads;
    private final ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upload-idle-watch");
        t.setDaemon(true);
        return t;
    });

    UploadReceiver(UploadSpool spool, IngestLimits limits, ClientLimits clients,
                   @Named(ApiExecutors.UPLOADS) ExecutorService uploads) {
        this.spool = spool;
        this.limits = limits;
        this.clients = clients;
        this.uploads = uploads;
    }

    /**
     * Spools a raw body.
     *
     * @param name the file name the client gave
     * @return the spooled part, or a failure with an {@link IngestException} (too large, timed out, cut short)
     */
    CompletableFuture<UploadPart> body(String name, Publisher<byte[]> body) {
        BodySpooler spooler;
        try {
            spooler = new BodySpooler(name, spool.newFile());
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("cannot create a spool file", e));
        }
        body.subscribe(spooler);
        return spooler.result;
    }

    /**
     * Spools every file part of a form, one after the other, on the upload executor (a part the framework has
     * received is copied, which is disk work); other fields are ignored.
     *
     * @return the spooled parts in form order, or a failure with an {@link IngestException}
     */
    CompletableFuture<List<UploadPart>> form(Publisher<CompletedPart> body) {
        FormSpooler spooler = new FormSpooler();
        body.subscribe(spooler);
        return spooler.result;
    }

    @PreDestroy
    void close() {
        watch.shutdownNow();
    }

    private long idleNanos() {
        return clients.bodyIdleTimeout().toNanos();
    }

    private ScheduledFuture<?> watchIdle(Runnable check) {
        // Checked four times per time-out: a silent body is refused at most a quarter of it late.
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(50), idleNanos() / 4);
        return watch.scheduleWithFixedDelay(check, period, period, TimeUnit.NANOSECONDS);
    }

    private IngestException timedOut(String what) {
        return new IngestException(Reason.BODY_TIMEOUT, "nothing of the " + what + " arrived for "
                + clients.bodyIdleTimeout().toSeconds() + " seconds (testhealth.ingest.body-idle-timeout): the upload"
                + " was dropped; send it again in one go");
    }

    /** What a body that broke off says to the client (the connection may be gone, then nobody reads it). */
    private static RuntimeException cutShort(Throwable t) {
        if (t instanceof IngestException e) {
            return e;
        }
        return new IngestException(Reason.MALFORMED, "the request body ended before it was complete: send it again",
                null, 0, 0, t);
    }

    /** Writes a raw body to its spool file as it arrives, on the thread that delivers it. */
    private final class BodySpooler implements Subscriber<byte[]> {
        final CompletableFuture<UploadPart> result = new CompletableFuture<>();
        private final String name;
        private final Path file;
        private final FileChannel out;
        private final MessageDigest digest = sha256();
        private Subscription subscription;
        private ScheduledFuture<?> idleCheck;
        private long total;
        private long lastArrival = System.nanoTime();
        private boolean finished;

        BodySpooler(String name, Path file) throws IOException {
            this.name = name;
            this.file = file;
            this.out = FileChannel.open(file, StandardOpenOption.WRITE);
        }

        @Override
        public void onSubscribe(Subscription s) {
            synchronized (this) {
                subscription = s;
                idleCheck = watchIdle(this::checkIdle);
            }
            s.request(1);
        }

        @Override
        public void onNext(byte[] bytes) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                lastArrival = System.nanoTime();
                total += bytes.length;
                try {
                    limits.checkUploadSize(total);
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    digest.update(bytes);
                } catch (IngestException e) {
                    fail(e);
                } catch (IOException e) {
                    fail(new UncheckedIOException("cannot write the spool file " + file, e));
                }
                if (finished) {
                    subscription.cancel();
                    return;
                }
            }
            // Outside the lock: the publisher may deliver the next chunk from within request().
            subscription.request(1);
        }

        @Override
        public synchronized void onError(Throwable t) {
            fail(cutShort(t));
        }

        @Override
        public synchronized void onComplete() {
            if (finished) {
                return;
            }
            finished = true;
            idleCheck.cancel(false);
            try {
                out.close();
            } catch (IOException e) {
                deleteFile();
                result.completeExceptionally(new UncheckedIOException("cannot write the spool file " + file, e));
                return;
            }
            String safeName = name == null || name.isBlank() ? "upload" : name.strip();
            result.complete(new UploadPart(safeName, file, total, HexFormat.of().formatHex(digest.digest())));
        }

        private void checkIdle() {
            synchronized (this) {
                if (finished || System.nanoTime() - lastArrival < idleNanos()) {
                    return;
                }
                fail(timedOut("request body"));
            }
            subscription.cancel();
        }

        /** Ends the upload with {@code e}; its spool file goes at once. Called holding the lock. */
        private void fail(RuntimeException e) {
            if (finished) {
                return;
            }
            finished = true;
            if (idleCheck != null) {
                idleCheck.cancel(false);
            }
            try {
                out.close();
            } catch (IOException ignored) {
                // the file is deleted next; what failed to close does not matter
            }
            deleteFile();
            result.completeExceptionally(e);
        }

        private void deleteFile() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // cleaned at the next start (UploadSpool)
            }
        }
    }

    /** Copies a form's file parts into the spool folder one by one, asking for the next part after each copy. */
    private final class FormSpooler implements Subscriber<CompletedPart> {
        final CompletableFuture<List<UploadPart>> result = new CompletableFuture<>();
        private final List<UploadPart> parts = new ArrayList<>();
        private Subscription subscription;
        private ScheduledFuture<?> idleCheck;
        private long used;
        private long count;
        private long lastArrival = System.nanoTime();
        /** A part is being copied: the client is not idle, the collector is. */
        private boolean copying;
        private boolean complete;
        private boolean finished;

        @Override
        public void onSubscribe(Subscription s) {
            synchronized (this) {
                subscription = s;
                idleCheck = watchIdle(this::checkIdle);
            }
            s.request(1);
        }

        @Override
        public void onNext(CompletedPart part) {
            synchronized (this) {
                if (finished) {
                    return;
                }
                lastArrival = System.nanoTime();
                if (part instanceof CompletedFileUpload file) {
                    copying = true;
                    uploads.execute(() -> copy(file));
                    return;
                }
            }
            subscription.request(1);
        }

        private void copy(CompletedFileUpload file) {
            RuntimeException failure = null;
            try (InputStream in = file.getInputStream()) {
                long n;
                synchronized (this) {
                    n = ++count;
                }
                limits.countFile(n, "the form");
                UploadPart spooled = spool.spool(file.getFilename(), in, limits.maxUploadBytes(), used);
                synchronized (this) {
                    if (finished) {
                        // the form failed (or timed out) while this part was copied: nothing will delete it later
                        spooled.delete();
                    } else {
                        used += spooled.size();
                        parts.add(spooled);
                    }
                }
            } catch (IngestException e) {
                failure = e;
            } catch (IOException e) {
                failure = new UncheckedIOException(e);
            } catch (RuntimeException e) {
                failure = e;
            }
            boolean askForMore;
            synchronized (this) {
                copying = false;
                lastArrival = System.nanoTime();
                if (failure != null) {
                    fail(failure);
                }
                if (complete && !finished) {
                    finish();
                }
                askForMore = !finished;
            }
            if (failure != null) {
                subscription.cancel();
            } else if (askForMore) {
                subscription.request(1);
            }
        }

        @Override
        public synchronized void onError(Throwable t) {
            fail(t instanceof IngestException e ? e : new IngestException(Reason.MALFORMED,
                    "the multipart form could not be read: " + t.getMessage(), null, 0, 0, t));
        }

        @Override
        public synchronized void onComplete() {
            complete = true;
            if (!copying) {
                finish();
            }
        }

        /** Called holding the lock, with no copy running. */
        private void finish() {
            if (finished) {
                return;
            }
            if (parts.isEmpty()) {
                fail(new IngestException(Reason.NO_REPORTS, "the form holds no file part: attach reports as files"
                        + " (curl -F 'report=@TEST-x.xml')"));
                return;
            }
            finished = true;
            idleCheck.cancel(false);
            result.complete(List.copyOf(parts));
        }

        private void checkIdle() {
            synchronized (this) {
                if (finished || copying || System.nanoTime() - lastArrival < idleNanos()) {
                    return;
                }
                fail(timedOut("multipart form's next part"));
            }
            subscription.cancel();
        }

        /** Called holding the lock. */
        private void fail(RuntimeException e) {
            if (finished) {
                return;
            }
            finished = true;
            if (idleCheck != null) {
                idleCheck.cancel(false);
            }
            parts.forEach(UploadPart::delete);
            result.completeExceptionally(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
