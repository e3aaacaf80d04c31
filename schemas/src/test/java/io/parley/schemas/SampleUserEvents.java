package io.parley.schemas;

import io.parley.events.user.ConversationCleared;
import io.parley.events.user.ConversationDropped;
import io.parley.events.user.ConversationSettingsChanged;
import io.parley.events.user.FavouriteAdded;
import io.parley.events.user.FavouriteRemoved;
import io.parley.events.user.FavouritesCleared;
import io.parley.events.user.HiddenMessage;
import io.parley.events.user.MessagesHidden;
import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.PushSettingsChanged;
import io.parley.events.user.Subscribed;
import io.parley.events.user.Unsubscribed;
import io.parley.events.user.UserEvent;

import java.util.List;

/** One user event per payload type, with every optional field set somewhere. */
final class SampleUserEvents {

    private SampleUserEvents() {
    }

    static List<UserEvent> everyPayloadType() {
        List<Object> payloads = List.of(
                new ProfileUpdated("Alice", "{\"team\":\"blue\"}", true, List.of()),
                new ProfileUpdated(null, null, false, List.of("displayName", "customData", "privateCustomData")),
                new Subscribed(List.of("bob", "carol")),
                new Unsubscribed(List.of("carol")),
                new PushSettingsChanged(List.of("message.sent", "participants.added")),
                new PushSettingsChanged(List.of()),
                new ConversationSettingsChanged("c-1", true, "muted"),
                new ConversationSettingsChanged("c-1", null, null),
                new ConversationCleared("c-1", 42L),
                new ConversationDropped("c-2", 7L),
                new MessagesHidden("c-1", List.of(new HiddenMessage("m-1", 9L), new HiddenMessage("m-2", 12L))),
                new FavouriteAdded("c-1", "m-3", 4L),
                new FavouriteRemoved("c-1", "m-3"),
                new FavouritesCleared());
        long[] sequence = {0};
        return payloads.stream()
                .map(payload -> envelope(++sequence[0], payload))
                .toList();
    }

    static UserEvent envelope(long sequence, Object payload) {
        return UserEvent.newBuilder()
                .setUserId("alice")
                .setSequence(sequence)
                .setEventId("u-" + sequence)
                .setOccurredAt(SampleEvents.OCCURRED_AT)
                .setPayload(payload)
                .build();
    }
}
