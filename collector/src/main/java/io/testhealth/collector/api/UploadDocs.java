package io.testhealth.collector.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents what {@code POST /api/v1/uploads} is and answers, for both of its bodies.
 *
 * <p>The raw-body and the form upload are two methods but one OpenAPI operation (a path has one {@code post}), which
 * micronaut-openapi merges from both; they answer alike, so both carry this stereotype rather than two copies that
 * could drift. The parameters are documented where they are bound, in {@link UploadQuery}. The error statuses and
 * codes are those of {@link io.testhealth.collector.ingest.IngestException.Reason}; {@code OpenApiDocumentTest}
 * checks that they agree.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Operation(operationId = "upload", summary = "Uploads the test reports of a CI job.",
        description = "The body is one JUnit XML file, one Allure `*-result.json`, a zip or tar.gz of a report folder"
                + " (`Content-Encoding: gzip` is accepted), or a `multipart/form-data` form whose every file part is"
                + " read. The query says which component and which CI run the reports belong to. All or nothing: a"
                + " refused upload stores nothing.")
@ApiResponse(responseCode = "201", description = "Stored: what the collector understood of the upload.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadResponse.class)))
@ApiResponse(responseCode = "200", description = "A repeat of a stored upload (same component and `uploadId`, given"
        + " or derived, with the same files and parameters): nothing is counted again; the body is the stored"
        + " upload's, with `duplicate: true`.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadResponse.class)))
@ApiResponse(responseCode = "400", description = "`invalid-request`: a query parameter cannot be used (the message"
        + " names it); `malformed-report`: a report is not well-formed XML or JSON, is truncated, or is no report"
        + " (`file`, `line` and `column` locate it when known), or the body is empty; `hostile-archive`: an archive"
        + " entry points outside the archive (zip-slip) or expands like a zip bomb. Nothing is stored.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "409", description = "`upload-id-conflict`: the component already has an upload with this"
        + " `uploadId`, sent with other files or other parameters (commit, branch, pipeline, job, attempt,"
        + " environment...). Nothing is stored; send a new `uploadId` for a new upload.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "413", description = "`too-large`: the upload is over a limit (size as sent, size"
        + " expanded, files in an archive, size of an Allure file, test cases reported); the message names the limit and"
        + " its setting.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "415", description = "`unsupported-format`: a report in a format the collector does not"
        + " read (NUnit, xUnit.net, TRX, TestNG, Allure 1...), named as such, or a `format` other than `junit` or"
        + " `allure`.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "422", description = "`no-reports`: the archive or form holds no JUnit XML file or"
        + " Allure result.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "408", description = "`request-timeout`: the body stopped arriving for"
        + " `testhealth.ingest.body-idle-timeout` (no byte of a raw body, no new part of a form); what arrived is"
        + " deleted. Send the upload again.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "429", description = "`too-many-uploads`: the client (its bearer token, else its address)"
        + " already has `testhealth.ingest.max-concurrent-uploads-per-client` uploads in progress;"
        + " `upload-rate-exceeded`: the client has started `testhealth.ingest.max-uploads-per-minute` uploads in the"
        + " last minute (a burst of that many, then one every 60/n seconds). Nothing is stored; send it again after the"
        + " `Retry-After` header's seconds.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@ApiResponse(responseCode = "503", description = "`store-unavailable`: the database cannot be reached; nothing is"
        + " stored. Send the upload again after the `Retry-After` header's seconds.",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
@interface UploadDocs {
}
