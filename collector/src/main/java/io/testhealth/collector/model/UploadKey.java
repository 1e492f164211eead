package io.testhealth.collector.model;

import java.util.Objects;

/**
 * What names one upload: its component and its idempotency key. An {@code uploadId} is the client's (a CI build
 * number, say) or derived from the content, and is unique within its component only, so two components may send the
 * same one without either being taken for a repeat of the other.
 *
 * @param component the component the upload belongs to
 * @param uploadId  the idempotency key, never empty
 */
public record UploadKey(ComponentRef component, String uploadId) {

    public UploadKey {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(uploadId, "uploadId");
        if (uploadId.isEmpty()) {
            throw new IllegalArgumentException("an upload key needs its upload id");
        }
    }

    @Override
    public String toString() {
        return "upload " + uploadId + " of " + component;
    }
}
