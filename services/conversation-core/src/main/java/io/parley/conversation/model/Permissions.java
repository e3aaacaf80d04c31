package io.parley.conversation.model;

import java.util.List;
import java.util.function.Predicate;

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

    /** Each flag, in the order of the record. */
    private static final List<Predicate<Permissions>> FLAGS = List.of(Permissions::canWrite, Permissions::canEdit,
            Permissions::canRemove, Permissions::canManageParticipants, Permissions::canEditAll,
            Permissions::canRemoveAll, Permissions::owner);

    /** Whether {@code next} has a flag that these permissions do not have. */
    public boolean isRaisedBy(Permissions next) {
        return FLAGS.stream().anyMatch(flag -> flag.test(next) && !flag.test(this));
    }

    /**
     * Whether a participant with these permissions may change {@code current} into {@code next}: every flag
     * it turns on is one this participant holds (an owner holds them all).
     */
    public boolean mayGrant(Permissions current, Permissions next) {
        return owner || FLAGS.stream().allMatch(flag -> !flag.test(next) || flag.test(current) || flag.test(this));
    }

    /** Whether this participant may manage others; owners always may. */
    public boolean managesParticipants() {
        return owner || canManageParticipants;
    }
}
