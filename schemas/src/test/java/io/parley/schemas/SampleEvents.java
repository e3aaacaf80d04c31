package io.parley.schemas;

import io.parley.events.conversation.ConversationCreated;
import io.parley.events.conversation.ConversationDeleted;
import io.parley.events.conversation.ConversationEdited;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.DeliveredAdvanced;
import io.parley.events.conversation.Media;
import io.parley.events.conversation.MessageEdited;
import io.parley.events.conversation.MessageRef;
import io.parley.events.conversation.MessageRemoved;
import io.parley.events.conversation.MessageSent;
import io.parley.events.conversation.Participant;
import io.parley.events.conversation.ParticipantJoined;
import io.parley.events.conversation.ParticipantLeft;
import io.parley.events.conversation.ParticipantPermissionsChanged;
import io.parley.events.conversation.ParticipantRemoved;
import io.parley.events.conversation.ParticipantsAdded;
import io.parley.events.conversation.Permissions;
import io.parley.events.conversation.ReadAdvanced;
import io.parley.events.conversation.ReadSet;

import java.time.Instant;
import java.util.List;

/** One envelope per payload type, with every optional field set somewhere. */
final class SampleEvents {

    static final Instant OCCURRED_AT = Instant.ofEpochMilli(1_767_225_600_123L);

    private SampleEvents() {
    }

    static List<ConversationEvent> everyPayloadType() {
        Permissions owner = new Permissions(true, true, true, true, true, true, true);
        Permissions member = new Permissions(true, true, true, false, false, false, false);
        List<Object> payloads = List.of(
                new ConversationCreated("Team", false, true, "team-room", "{\"color\":\"blue\"}", "shared",
                        List.of(new Participant("alice", owner), new Participant("bob", member))),
                new ConversationEdited("New title", null, null, false, List.of("customData", "uniqueName")),
                new ConversationDeleted(null),
                new ParticipantsAdded(List.of(new Participant("carol", member))),
                new ParticipantRemoved("carol"),
                new ParticipantJoined("dave", member),
                new ParticipantLeft("dave"),
                new ParticipantPermissionsChanged("bob", owner),
                new MessageSent("m-1", "hello @bob", "[{\"type\":\"button\"}]", "{\"pinned\":true}",
                        List.of(new Media("image", "https://files.example/a.png", "a.png", 2048L, "image/png",
                                        null, "https://files.example/a-thumb.png", "a cat"),
                                new Media("audio", "https://files.example/b.ogg", "b.ogg", 4096L, "audio/ogg",
                                        3_500L, null, null)),
                        "m-0", List.of("bob"), new MessageRef("c-other", "m-9")),
                new MessageEdited("m-1", "hello", null, null, List.of("payload")),
                new MessageRemoved("m-1"),
                new ReadAdvanced("bob", 11L),
                new ReadSet("bob", 5L),
                new DeliveredAdvanced("bob", 12L));
        long[] sequence = {0};
        return payloads.stream()
                .map(payload -> envelope(++sequence[0], payload))
                .toList();
    }

    static ConversationEvent envelope(long sequence, Object payload) {
        return ConversationEvent.newBuilder()
                .setConversationId("c-1")
                .setSequence(sequence)
                .setEventId("e-" + sequence)
                .setOccurredAt(OCCURRED_AT)
                .setActor("alice")
                .setPayload(payload)
                .build();
    }
}
