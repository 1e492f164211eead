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
        UPLOAD_ID_CONFLICT("upload-id-conflict", 409);

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

    public IngestException(Reason reason, String message) {
        this(reason, message, null, 0, 0, null);
    }

    public IngestException(Reason reason, String message, String file, int line, int column, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** The same problem, located in a file of the upload (kept when already located). */
    public IngestException inFile(String fileName) {
        if (file != null) {
            return this;
        }
        return new IngestException(reason, getMessage(), fileName, line, column, getCause());
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

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }
}
