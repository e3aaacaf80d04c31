package io.parley.write.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code PATCH /v1/conversations/{id}/participants/{userId}}: {@code {"permissions":{...}}}, the
 * shape {@code GET .../participants} returns, merged like JSON Merge Patch (flags left out or null keep their
 * value).
 */
@Serdeable
public record ParticipantPatchRequest(@Nullable PermissionsRequest permissions) {

    /** True when no known permission flag is set: such a PATCH is 400. */
    public boolean namesNothing() {
        return permissions == null || permissions.toChanges().isEmpty();
    }
}
