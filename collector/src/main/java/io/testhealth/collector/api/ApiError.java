package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error the API answers with, whoever refuses the request: the upload's checks
 * ({@link ApiErrorHandler}), the reads' ({@link ReadErrorHandlers}), the token filter ({@link WriteTokenFilter}) and
 * the framework itself ({@link ApiErrorResponses}).
 *
 * @param error   a stable kebab-case code ({@code malformed-report}, {@code unsupported-format}, {@code too-large},
 *                {@code unknown-component}, {@code no-report-yet}, {@code not-found}, {@code method-not-allowed}...)
 * @param message what is wrong and what to do about it
 * @param file    the file inside the upload, when the problem is in one
 * @param line    1-based line in that file, when known
 * @param column  1-based column, when known
 */
@Serdeable
public record ApiError(String error, String message, @Nullable String file, @Nullable Integer line,
                       @Nullable Integer column) {

    static ApiError of(String error, String message) {
        return new ApiError(error, message, null, null, null);
    }
}
