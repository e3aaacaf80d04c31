package io.parley.user.event;

/**
 * The user cleared a conversation's history for themselves: events up to and including
 * {@code upToSequence} are no longer shown to them. Only ever moves forward.
 */
public record ConversationCleared(String userId, String conversationId, long upToSequence) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.conversation_cleared";
}
