package io.parley.conversation.model;

/**
 * A change to a participant's permissions, merged like JSON Merge Patch (RFC 7396, API.md
 * {@code PATCH .../participants/{userId}}): a flag that is null keeps its current value.
 */
public record PermissionChanges(
        Boolean canWrite,
        Boolean canEdit,
        Boolean canRemove,
        Boolean canManageParticipants,
        Boolean canEditAll,
        Boolean canRemoveAll,
        Boolean owner) {

    /** Every flag set to the value it has in {@code permissions}: a replacement. */
    public static PermissionChanges replacingWith(Permissions permissions) {
        return new PermissionChanges(permissions.canWrite(), permissions.canEdit(), permissions.canRemove(),
                permissions.canManageParticipants(), permissions.canEditAll(), permissions.canRemoveAll(),
                permissions.owner());
    }

    /** True when no flag is set: a change that names nothing. */
    public boolean isEmpty() {
        return canWrite == null && canEdit == null && canRemove == null && canManageParticipants == null
                && canEditAll == null && canRemoveAll == null && owner == null;
    }

    /** {@code current} with the flags this change sets. */
    public Permissions applyTo(Permissions current) {
        return new Permissions(
                or(canWrite, current.canWrite()), or(canEdit, current.canEdit()), or(canRemove, current.canRemove()),
                or(canManageParticipants, current.canManageParticipants()), or(canEditAll, current.canEditAll()),
                or(canRemoveAll, current.canRemoveAll()), or(owner, current.owner()));
    }

    private static boolean or(Boolean value, boolean current) {
        return value == null ? current : value;
    }
}
