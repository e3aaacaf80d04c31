package io.parley.conversation.model;

/**
 * What a participant may do in a conversation. Defaults follow API.md: a participant may write,
 * edit and remove their own messages; management, moderation and ownership are granted explicitly.
 */
public record Permissions(
        boolean canWrite,
        boolean canEdit,
        boolean canRemove,
        boolean canManageParticipants,
        boolean canEditAll,
        boolean canRemoveAll,
        boolean owner) {

    /** The permissions of a participant added without explicit ones. */
    public static Permissions defaults() {
        return new Permissions(true, true, true, false, false, false, false);
    }

    /** The permissions of a conversation's creator: everything. */
    public static Permissions ownerPermissions() {
        return new Permissions(true, true, true, true, true, true, true);
    }

    /** Whether this participant may manage others; owners always may. */
    public boolean managesParticipants() {
        return owner || canManageParticipants;
    }
}
