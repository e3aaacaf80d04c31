package io.parley.user.event;

/** The user keeps a message of a conversation (sent at conversation sequence {@code sequence}) as a favourite. */
public record FavouriteAdded(String userId, String conversationId, String messageId, long sequence)
        implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.favourite_added";
}
