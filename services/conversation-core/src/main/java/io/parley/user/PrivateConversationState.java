package io.parley.user;

import java.util.Objects;

/**
 * What one user set for one conversation for themselves. Plain fields and a public no-arg constructor,
 * because snapshots hold the aggregate's fields as they are (Jackson field access); compared by value,
 * so that Axon's test fixture can tell a state change made outside an event-sourcing handler.
 */
final class PrivateConversationState {
    boolean archived;
    String notificationLevel = User.NOTIFICATION_DEFAULT;
    /** Events up to this sequence are cleared for the user; 0: none. */
    long clearedUpTo;
    /** The conversation is out of the recent list until a message above this sequence; 0: never dropped. */
    long droppedUpTo;

    public PrivateConversationState() {
        // for Jackson, and for a conversation the user has not set anything for yet
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrivateConversationState that && archived == that.archived
                && Objects.equals(notificationLevel, that.notificationLevel)
                && clearedUpTo == that.clearedUpTo && droppedUpTo == that.droppedUpTo;
    }

    @Override
    public int hashCode() {
        return Objects.hash(archived, notificationLevel, clearedUpTo, droppedUpTo);
    }

    @Override
    public String toString() {
        return "PrivateConversationState[archived=" + archived + ", notificationLevel=" + notificationLevel
                + ", clearedUpTo=" + clearedUpTo + ", droppedUpTo=" + droppedUpTo + "]";
    }
}
