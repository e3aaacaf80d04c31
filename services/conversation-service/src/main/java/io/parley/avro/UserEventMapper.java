package io.parley.avro;

import io.parley.user.event.ConversationCleared;
import io.parley.user.event.ConversationDropped;
import io.parley.user.event.ConversationSettingsChanged;
import io.parley.user.event.FavouriteAdded;
import io.parley.user.event.FavouriteRemoved;
import io.parley.user.event.FavouritesCleared;
import io.parley.user.event.MessagesHidden;
import io.parley.user.event.ProfileUpdated;
import io.parley.user.event.PushSettingsChanged;
import io.parley.user.event.Subscribed;
import io.parley.user.event.Unsubscribed;
import io.parley.user.event.UserEvent;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The one mapping from a user's domain events (as stored in the event store) to the published Avro contract
 * {@code io.parley.events.user.UserEvent} of topic {@code parley.user-events.v1}.
 * <p>
 * {@code privateCustomData} is not published (schemas/README.md): the record says only that it changed. The
 * projector reads the value from the event store for its owner's profile view.
 */
@Singleton
public final class UserEventMapper {

    /**
     * The published envelope of a user's domain event.
     *
     * @param sequence   its 1-based position in the user's log
     * @param eventId    its globally unique id
     * @param occurredAt when it was recorded; published with millisecond precision
     */
    public io.parley.events.user.UserEvent toAvro(UserEvent event, long sequence, String eventId, Instant occurredAt) {
        Objects.requireNonNull(event, "event");
        return io.parley.events.user.UserEvent.newBuilder()
                .setUserId(event.userId())
                .setSequence(sequence)
                .setEventId(eventId)
                .setOccurredAt(occurredAt)
                .setPayload(payloadOf(event))
                .build();
    }

    private static Object payloadOf(UserEvent event) {
        if (event instanceof ProfileUpdated profile) {
            return io.parley.events.user.ProfileUpdated.newBuilder()
                    .setDisplayName(profile.displayName())
                    .setCustomData(profile.customData())
                    .setPrivateCustomDataChanged(profile.privateCustomData() != null
                            || orEmpty(profile.cleared()).contains("privateCustomData"))
                    .setCleared(orEmpty(profile.cleared()))
                    .build();
        }
        if (event instanceof Subscribed subscribed) {
            return io.parley.events.user.Subscribed.newBuilder().setUserIds(orEmpty(subscribed.userIds())).build();
        }
        if (event instanceof Unsubscribed unsubscribed) {
            return io.parley.events.user.Unsubscribed.newBuilder().setUserIds(orEmpty(unsubscribed.userIds())).build();
        }
        if (event instanceof PushSettingsChanged push) {
            return io.parley.events.user.PushSettingsChanged.newBuilder().setEvents(orEmpty(push.events())).build();
        }
        if (event instanceof ConversationSettingsChanged settings) {
            return io.parley.events.user.ConversationSettingsChanged.newBuilder()
                    .setConversationId(settings.conversationId())
                    .setArchived(settings.archived())
                    .setNotificationLevel(settings.notificationLevel())
                    .build();
        }
        if (event instanceof ConversationCleared cleared) {
            return io.parley.events.user.ConversationCleared.newBuilder()
                    .setConversationId(cleared.conversationId()).setUpToSequence(cleared.upToSequence()).build();
        }
        if (event instanceof ConversationDropped dropped) {
            return io.parley.events.user.ConversationDropped.newBuilder()
                    .setConversationId(dropped.conversationId()).setUpToSequence(dropped.upToSequence()).build();
        }
        if (event instanceof MessagesHidden hidden) {
            return io.parley.events.user.MessagesHidden.newBuilder()
                    .setConversationId(hidden.conversationId())
                    .setMessages(orEmpty(hidden.messages()).stream()
                            .map(m -> io.parley.events.user.HiddenMessage.newBuilder()
                                    .setMessageId(m.messageId()).setSequence(m.sequence()).build())
                            .toList())
                    .build();
        }
        if (event instanceof FavouriteAdded added) {
            return io.parley.events.user.FavouriteAdded.newBuilder().setConversationId(added.conversationId())
                    .setMessageId(added.messageId()).setSequence(added.sequence()).build();
        }
        if (event instanceof FavouriteRemoved removed) {
            return io.parley.events.user.FavouriteRemoved.newBuilder()
                    .setConversationId(removed.conversationId()).setMessageId(removed.messageId()).build();
        }
        if (event instanceof FavouritesCleared) {
            return io.parley.events.user.FavouritesCleared.newBuilder().build();
        }
        throw new IllegalArgumentException("No Avro mapping for " + event.getClass().getName());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
