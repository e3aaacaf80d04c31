package io.parley.write.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.model.PermissionChanges;
import io.parley.conversation.model.Permissions;

/** Permissions in a request: an absent flag takes its default (API.md). */
@Serdeable
public record PermissionsRequest(@Nullable Boolean canWrite, @Nullable Boolean canEdit, @Nullable Boolean canRemove,
                                 @Nullable Boolean canManageParticipants, @Nullable Boolean canEditAll,
                                 @Nullable Boolean canRemoveAll, @Nullable Boolean owner) {

    public Permissions toPermissions() {
        Permissions defaults = Permissions.defaults();
        return new Permissions(
                or(canWrite, defaults.canWrite()), or(canEdit, defaults.canEdit()), or(canRemove, defaults.canRemove()),
                or(canManageParticipants, defaults.canManageParticipants()), or(canEditAll, defaults.canEditAll()),
                or(canRemoveAll, defaults.canRemoveAll()), or(owner, defaults.owner()));
    }

    /** The flags this request sets, to be merged into a participant's current permissions. */
    public PermissionChanges toChanges() {
        return new PermissionChanges(canWrite, canEdit, canRemove, canManageParticipants, canEditAll, canRemoveAll,
                owner);
    }

    private static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
