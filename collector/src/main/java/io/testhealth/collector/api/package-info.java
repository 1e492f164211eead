/**
 * The collector's HTTP API: thin controllers that translate requests into calls of the capability services and
 * their answers into DTO records. No model or store type is ever returned as such, so the API contract can be
 * kept stable while the model evolves.
 *
 * <p>Entry points: {@link io.testhealth.collector.api.UploadController} ({@code POST /api/v1/uploads}) and
 * {@link io.testhealth.collector.api.ApiErrorHandler} (the JSON error body of every refusal).
 */
package io.testhealth.collector.api;
