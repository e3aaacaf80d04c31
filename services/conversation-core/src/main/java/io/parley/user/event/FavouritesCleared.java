package io.parley.user.event;

/** The user has no favourites any more. */
public record FavouritesCleared(String userId) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.favourites_cleared";
}
