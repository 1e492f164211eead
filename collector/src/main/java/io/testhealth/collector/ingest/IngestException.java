package io.testhealth.collector.ingest;

import java.util.Objects;

/**
 * An upload the collector refuses, with what the client can do about it.
 *
 * <p>The {@link Reason} decides the HTTP status; file, line and column say where in the upload the problem is,
 * when that is known (0 when not).
 */
public final class IngestException extends RuntimeException {

    /** Why an upload is refused. */
    public enum Reason {
        /** Bad request parameters. */
        INVALID_REQUEST("invalid-request", 400),
        /** Not well-formed XML or JSON, truncated, or not a report at all. */
        MALFORMED("malformed-report", 400),
        /** Larger than a configured limit (the message names the limit and the setting). */
        TOO_LARGE("too-large", 413),
        /** A report format the collector does not read (NUnit, TRX...), named as such. */
        UNSUPPORTED_FORMAT("unsupported-format", 415),
        /** An archive or form without any report in it. */
        NO_REPORTS("no-reports", 422),
        /** An archive that tries to escape or to exhaust the collector (zip-slip, zip bomb). */
        HOSTILE_ARCHIVE("hostile-archive", 400),
        /** An upload id the component used before for an upload with other files or parameters. */
        UPLOAD_ID_CONFLICT("upload-id-conflict", 409),
        /** The client stopped sending its body for longer than {@code testhealth.ingest.body-idle-timeout}. */
        BODY_TIMEOUT("request-timeout", 408),
        /** The client already has as many uploads in progress as {@code max-concurrent-uploads-per-client} allows. */
        TOO_MANY_UPLOADS("too-many-uploads", 429),
        /** The client started as many uploads in the last minute as {@code max-uploads-per-minute} allows. */
        UPLOAD_RATE("upload-rate-exceeded", 429);

        private final String code;
        private final int httpStatus;

        Reason(String code, int httpStatus) {
            this.code = code;
            this.httpStatus = httpStatus;
        }

        /** The error code of the API's error body. */
        public String code() {
            return code;
        }

        /** The HTTP status the API answers with. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Reason reason;
    private final String file;
    private final int line;
    private final int column;
    private final int retryAfterSeconds;

    public IngestException(Reason reason, String message) {
        this(reason, message, null, 0, 0, null);
    }

    public IngestException(Reason reason, String message, String file, int line, int column, Throwable cause) {
        this(reason, message, file, line, column, cause, 0);
    }

    private IngestException(Reason reason, String message, String file, int line, int column, Throwable cause,
                            int retryAfterSeconds) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
        this.line = line;
        this.column = column;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A refusal the client should repeat later, as it is: the answer carries {@code Retry-After}.
     *
     * @param retryAfterSeconds 1 or more
     */
    public static IngestException retryLater(Reason reason, String message, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("Retry-After must be 1 second or more, got " + retryAfterSeconds);
        }
        return new IngestException(reason, message, null, 0, 0, null, retryAfterSeconds);
    }

    /** The same problem, located in a file of the upload (kept when already located). */
    public IngestException inFile(String fileName) {
        if (file != null) {
            return this;
        }
        return new IngestException(reason, getMessage(), fileName, line, column, getCause(), retryAfterSeconds);
    }

    public Reason reason() {
        return reason;
    }

    /** The file inside the upload, or {@code null} when the problem is not in one file. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** Seconds the client should wait before sending the same upload again, or 0 when repeating it cannot help. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }
}
