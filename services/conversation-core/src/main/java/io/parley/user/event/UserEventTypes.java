package io.parley.user.event;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The API type of each user event ({@code user.favourite_added}, …): what {@code /v1/sync} and the stream
 * call it and the {@code parley-type} header of {@code parley.user-events.v1}. Each event declares its
 * own {@code TYPE}; this table is checked against {@code UserEvent.getPermittedSubclasses()} when the class
 * loads, so an event added without a type fails at once.
 */
public final class UserEventTypes {
    private static final Map<Class<? extends UserEvent>, String> TYPES = index(Map.ofEntries(
            Map.entry(ProfileUpdated.class, ProfileUpdated.TYPE),
            Map.entry(Subscribed.class, Subscribed.TYPE),
            Map.entry(Unsubscribed.class, Unsubscribed.TYPE),
            Map.entry(PushSettingsChanged.class, PushSettingsChanged.TYPE),
            Map.entry(ConversationSettingsChanged.class, ConversationSettingsChanged.TYPE),
            Map.entry(ConversationCleared.class, ConversationCleared.TYPE),
            Map.entry(ConversationDropped.class, ConversationDropped.TYPE),
            Map.entry(MessagesHidden.class, MessagesHidden.TYPE),
            Map.entry(FavouriteAdded.class, FavouriteAdded.TYPE),
            Map.entry(FavouriteRemoved.class, FavouriteRemoved.TYPE),
            Map.entry(FavouritesCleared.class, FavouritesCleared.TYPE)));

    private UserEventTypes() {
    }

    /** The API type of a user event, e.g. {@code user.subscribed}. */
    public static String typeOf(UserEvent event) {
        return TYPES.get(Objects.requireNonNull(event, "event").getClass());
    }

    /** The API type of a user event class; empty for a class that is no user event. */
    public static Optional<String> typeOf(Class<?> eventType) {
        return Optional.ofNullable(TYPES.get(eventType));
    }

    /** Every user event type, in the order {@link UserEvent} permits them. */
    public static List<String> all() {
        return List.copyOf(TYPES.values());
    }

    private static Map<Class<? extends UserEvent>, String> index(Map<Class<? extends UserEvent>, String> types) {
        Set<Class<?>> permitted = Set.of(UserEvent.class.getPermittedSubclasses());
        if (!permitted.equals(types.keySet())) {
            throw new IllegalStateException("user event types " + types.keySet() + " do not match the events "
                    + permitted);
        }
        if (Set.copyOf(types.values()).size() != types.size()) {
            throw new IllegalStateException("two user events share a type: " + types);
        }
        // in the order the sealed interface lists them, for all()
        return Arrays.stream(UserEvent.class.getPermittedSubclasses())
                .collect(Collectors.toMap(type -> type.asSubclass(UserEvent.class), types::get,
                        (a, b) -> a, LinkedHashMap::new));
    }
}
