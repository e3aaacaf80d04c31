package io.parley.avro;

import io.parley.avro.AvroEventMapper;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.ConversationEvent;
import io.parley.conversation.event.DeliveredAdvanced;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ParticipantJoined;
import io.parley.conversation.event.ParticipantLeft;
import io.parley.conversation.event.ParticipantPermissionsChanged;
import io.parley.conversation.event.ParticipantRemoved;
import io.parley.conversation.event.ParticipantsAdded;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.event.ReadSet;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import io.parley.schemas.ConversationEventCodec;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every domain event type maps to the published contract, survives the codec, and has its API type. */
class AvroEventMapperTest {

    /** The event types of API.md. */
    private static final List<String> API_TYPES = List.of(
            "conversation.created", "conversation.edited", "conversation.deleted",
            "participants.added", "participant.removed", "participant.joined", "participant.left",
            "participant.permissions_changed",
            "message.sent", "message.edited", "message.removed",
            "read.advanced", "read.set", "delivered.advanced");

    private static final Instant OCCURRED_AT = Instant.parse("2026-01-01T10:15:30.123Z");
    private static final Permissions OWNER = Permissions.ownerPermissions();
    private static final Permissions MEMBER = Permissions.defaults();

    private final AvroEventMapper mapper = new AvroEventMapper();
    private final ConversationEventCodec codec = new ConversationEventCodec();

    /** A domain event and what it must become on the wire. */
    private record Sample(ConversationEvent event, String type, SpecificRecord payload) {
    }

    static Stream<Class<?>> eventTypes() {
        return Arrays.stream(ConversationEvent.class.getPermittedSubclasses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void mapsEveryEventTypeThroughTheCodec(Class<?> eventType) {
        // given
        Sample sample = sampleOf(eventType);

        // when
        io.parley.events.conversation.ConversationEvent mapped = mapper.toAvro(sample.event(), 7L, "e-7", OCCURRED_AT);
        io.parley.events.conversation.ConversationEvent decoded = codec.decode(codec.encode(mapped));

        // then
        assertThat(decoded.getConversationId()).isEqualTo("c-1");
        assertThat(decoded.getSequence()).isEqualTo(7L);
        assertThat(decoded.getEventId()).isEqualTo("e-7");
        assertThat(decoded.getOccurredAt()).isEqualTo(OCCURRED_AT);
        assertThat(decoded.getActor()).isEqualTo("alice");
        assertThat(decoded.getPayload()).isEqualTo(sample.payload());
        assertThat(AvroEventMapper.typeOf(sample.event())).isEqualTo(sample.type());
        // the schema documents the same API type for this payload record
        assertThat(((SpecificRecord) decoded.getPayload()).getSchema().getDoc()).startsWith("API type " + sample.type() + ".");
    }

    @Test
    void typeStringsAreDistinctAndAreTheApiTypes() {
        List<String> types = eventTypes().map(type -> AvroEventMapper.typeOf(sampleOf(type).event())).toList();

        assertThat(types).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(API_TYPES);
    }

    @Test
    void directConversationWithJoinedHistory() {
        ConversationCreated created = new ConversationCreated("c-1", "alice", null, ConversationKind.DIRECT, false,
                null, null, HistoryVisibility.JOINED, List.of(new ParticipantSpec("alice", OWNER)));

        var payload = (io.parley.events.conversation.ConversationCreated)
                mapper.toAvro(created, 1L, "e-1", OCCURRED_AT).getPayload();

        assertThat(payload.getDirect()).isTrue();
        assertThat(payload.getHistoryVisibility()).isEqualTo("joined");
        assertThat(payload.getTitle()).isNull();
    }

    @Test
    void missingListsArePublishedEmpty() {
        MessageSent sent = new MessageSent("c-1", "alice", "m-1", "hi", null, null, null, null, null, null);

        var payload = (io.parley.events.conversation.MessageSent)
                codec.decode(codec.encode(mapper.toAvro(sent, 2L, "e-2", OCCURRED_AT))).getPayload();

        assertThat(payload.getMedia()).isEmpty();
        assertThat(payload.getMentions()).isEmpty();
        assertThat(payload.getForwardedFrom()).isNull();
    }

    /** One sample per domain event type; a new type fails here until it gets one. */
    private static Sample sampleOf(Class<?> eventType) {
        if (eventType == ConversationCreated.class) {
            return new Sample(
                    new ConversationCreated("c-1", "alice", "Team", ConversationKind.GROUP, true, "team-room",
                            "{\"color\":\"blue\"}", HistoryVisibility.SHARED,
                            List.of(new ParticipantSpec("alice", OWNER), new ParticipantSpec("bob", MEMBER))),
                    "conversation.created",
                    new io.parley.events.conversation.ConversationCreated("Team", false, true, "team-room",
                            "{\"color\":\"blue\"}", "shared",
                            List.of(participant("alice", avro(OWNER)), participant("bob", avro(MEMBER)))));
        }
        if (eventType == ConversationEdited.class) {
            return new Sample(
                    new ConversationEdited("c-1", "alice", "New title", null, null, false, List.of("customData")),
                    "conversation.edited",
                    new io.parley.events.conversation.ConversationEdited("New title", null, null, false,
                            List.of("customData")));
        }
        if (eventType == ConversationDeleted.class) {
            return new Sample(new ConversationDeleted("c-1", "alice"), "conversation.deleted",
                    new io.parley.events.conversation.ConversationDeleted(null));
        }
        if (eventType == ParticipantsAdded.class) {
            return new Sample(
                    new ParticipantsAdded("c-1", "alice", List.of(new ParticipantSpec("carol", MEMBER))),
                    "participants.added",
                    new io.parley.events.conversation.ParticipantsAdded(List.of(participant("carol", avro(MEMBER)))));
        }
        if (eventType == ParticipantRemoved.class) {
            return new Sample(new ParticipantRemoved("c-1", "alice", "carol"), "participant.removed",
                    new io.parley.events.conversation.ParticipantRemoved("carol"));
        }
        if (eventType == ParticipantJoined.class) {
            return new Sample(new ParticipantJoined("c-1", "alice", "dave", MEMBER), "participant.joined",
                    new io.parley.events.conversation.ParticipantJoined("dave", avro(MEMBER)));
        }
        if (eventType == ParticipantLeft.class) {
            return new Sample(new ParticipantLeft("c-1", "alice", "dave"), "participant.left",
                    new io.parley.events.conversation.ParticipantLeft("dave"));
        }
        if (eventType == ParticipantPermissionsChanged.class) {
            Permissions moderator = new Permissions(true, true, true, true, false, true, false);
            return new Sample(new ParticipantPermissionsChanged("c-1", "alice", "bob", moderator),
                    "participant.permissions_changed",
                    new io.parley.events.conversation.ParticipantPermissionsChanged("bob", avro(moderator)));
        }
        if (eventType == MessageSent.class) {
            return new Sample(
                    new MessageSent("c-1", "alice", "m-1", "hello @bob", "[{\"type\":\"button\"}]",
                            "{\"pinned\":true}",
                            List.of(new Media("image", "https://files.example/a.png", "a.png", 2048L, "image/png",
                                            null, "https://files.example/a-thumb.png", "a cat"),
                                    new Media("audio", "https://files.example/b.ogg", "b.ogg", 4096L, "audio/ogg",
                                            3_500L, null, null)),
                            "m-0", List.of("bob"), new MessageRef("c-other", "m-9")),
                    "message.sent",
                    new io.parley.events.conversation.MessageSent("m-1", "hello @bob", "[{\"type\":\"button\"}]",
                            "{\"pinned\":true}",
                            List.of(new io.parley.events.conversation.Media("image", "https://files.example/a.png",
                                            "a.png", 2048L, "image/png", null, "https://files.example/a-thumb.png",
                                            "a cat"),
                                    new io.parley.events.conversation.Media("audio", "https://files.example/b.ogg",
                                            "b.ogg", 4096L, "audio/ogg", 3_500L, null, null)),
                            "m-0", List.of("bob"), new io.parley.events.conversation.MessageRef("c-other", "m-9")));
        }
        if (eventType == MessageEdited.class) {
            return new Sample(new MessageEdited("c-1", "alice", "m-1", "hello", null, "{}", List.of("payload")),
                    "message.edited",
                    new io.parley.events.conversation.MessageEdited("m-1", "hello", null, "{}", List.of("payload")));
        }
        if (eventType == MessageRemoved.class) {
            return new Sample(new MessageRemoved("c-1", "alice", "m-1"), "message.removed",
                    new io.parley.events.conversation.MessageRemoved("m-1"));
        }
        if (eventType == ReadAdvanced.class) {
            return new Sample(new ReadAdvanced("c-1", "alice", "bob", 11L), "read.advanced",
                    new io.parley.events.conversation.ReadAdvanced("bob", 11L));
        }
        if (eventType == ReadSet.class) {
            return new Sample(new ReadSet("c-1", "alice", "bob", 5L), "read.set",
                    new io.parley.events.conversation.ReadSet("bob", 5L));
        }
        if (eventType == DeliveredAdvanced.class) {
            return new Sample(new DeliveredAdvanced("c-1", "alice", "bob", 12L), "delivered.advanced",
                    new io.parley.events.conversation.DeliveredAdvanced("bob", 12L));
        }
        throw new AssertionError("No sample for " + eventType.getName()
                + ": add one to AvroEventMapperTest.sampleOf and a mapping to AvroEventMapper");
    }

    private static io.parley.events.conversation.Participant participant(
            String userId, io.parley.events.conversation.Permissions permissions) {
        return new io.parley.events.conversation.Participant(userId, permissions);
    }

    private static io.parley.events.conversation.Permissions avro(Permissions p) {
        return new io.parley.events.conversation.Permissions(p.canWrite(), p.canEdit(), p.canRemove(),
                p.canManageParticipants(), p.canEditAll(), p.canRemoveAll(), p.owner());
    }
}
