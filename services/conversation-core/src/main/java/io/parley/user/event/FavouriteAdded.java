package io.parley.user.event;

/** The user keeps a message of a conversation as a favourite. */
public record FavouriteAdded(String userId, String conversationId, String messageId) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.favourite_added";
}
