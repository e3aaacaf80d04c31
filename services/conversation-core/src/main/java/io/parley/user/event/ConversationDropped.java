package io.parley.user.event;

/**
 * The user dropped a conversation from their recent list; it comes back with the first message above
 * {@code upToSequence}. Replaces an earlier drop of the same conversation.
 */
public record ConversationDropped(String userId, String conversationId, long upToSequence) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.conversation_dropped";
}
