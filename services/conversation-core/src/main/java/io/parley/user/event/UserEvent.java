package io.parley.user.event;

/**
 * Every fact a user's private stream can hold. The stream belongs to one user, its events are numbered
 * 1, 2, … without gaps, and they are replayed to that user's devices only. The list is closed so that the
 * Avro mapping, the projections and the type names cannot forget a type: {@link UserEventTypes} and the
 * tests walk {@code getPermittedSubclasses()}.
 */
public sealed interface UserEvent permits
        ProfileUpdated, Subscribed, Unsubscribed, PushSettingsChanged,
        ConversationSettingsChanged, ConversationCleared, ConversationDropped, MessagesHidden,
        FavouriteAdded, FavouriteRemoved, FavouritesCleared {

    /** The user whose stream holds this event (also the one who caused it). */
    String userId();
}
