package io.parley.user.event;

/** A message is no longer one of the user's favourites. */
public record FavouriteRemoved(String userId, String conversationId, String messageId) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.favourite_removed";
}
