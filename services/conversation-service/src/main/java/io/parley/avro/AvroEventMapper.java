package io.parley.avro;

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
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one mapping from domain events (as stored in the event store) to the published Avro contract
 * ({@code io.parley.events.conversation.ConversationEvent}) and its API type strings.
 *
 * <p>Each domain event type has exactly one entry below: its API type and its payload mapping. The
 * table is checked against {@code ConversationEvent.getPermittedSubclasses()} when the class loads,
 * so that an event added to the domain without a mapping fails at startup rather than at publication.
 */
@Singleton
public final class AvroEventMapper {

    private static final Map<Class<?>, Mapping<?>> MAPPINGS = index(
            mapping(ConversationCreated.class, "conversation.created", AvroEventMapper::conversationCreated),
            mapping(ConversationEdited.class, "conversation.edited", AvroEventMapper::conversationEdited),
            mapping(ConversationDeleted.class, "conversation.deleted", AvroEventMapper::conversationDeleted),
            mapping(ParticipantsAdded.class, "participants.added", AvroEventMapper::participantsAdded),
            mapping(ParticipantRemoved.class, "participant.removed", AvroEventMapper::participantRemoved),
            mapping(ParticipantJoined.class, "participant.joined", AvroEventMapper::participantJoined),
            mapping(ParticipantLeft.class, "participant.left", AvroEventMapper::participantLeft),
            mapping(ParticipantPermissionsChanged.class, "participant.permissions_changed",
                    AvroEventMapper::participantPermissionsChanged),
            mapping(MessageSent.class, "message.sent", AvroEventMapper::messageSent),
            mapping(MessageEdited.class, "message.edited", AvroEventMapper::messageEdited),
            mapping(MessageRemoved.class, "message.removed", AvroEventMapper::messageRemoved),
            mapping(ReadAdvanced.class, "read.advanced", AvroEventMapper::readAdvanced),
            mapping(ReadSet.class, "read.set", AvroEventMapper::readSet),
            mapping(DeliveredAdvanced.class, "delivered.advanced", AvroEventMapper::deliveredAdvanced));

    /**
     * The published envelope of a domain event.
     *
     * @param event      the domain event
     * @param sequence   its 1-based position in the conversation's log
     * @param eventId    its globally unique id
     * @param occurredAt when it was recorded; published with millisecond precision
     */
    public io.parley.events.conversation.ConversationEvent toAvro(
            ConversationEvent event, long sequence, String eventId, Instant occurredAt) {
        Objects.requireNonNull(event, "event");
        return io.parley.events.conversation.ConversationEvent.newBuilder()
                .setConversationId(event.conversationId())
                .setSequence(sequence)
                .setEventId(eventId)
                .setOccurredAt(occurredAt)
                .setActor(event.actor())
                .setPayload(mappingOf(event).payloadOf(event))
                .build();
    }

    /** The API type of a domain event, e.g. {@code message.sent}: the {@code parley-type} header. */
    public static String typeOf(ConversationEvent event) {
        return mappingOf(Objects.requireNonNull(event, "event")).type();
    }

    /** The API type of a domain event class; empty for a class that is no domain event. */
    public static Optional<String> typeOf(Class<?> eventType) {
        return Optional.ofNullable(MAPPINGS.get(eventType)).map(Mapping::type);
    }

    private static Mapping<?> mappingOf(ConversationEvent event) {
        Mapping<?> mapping = MAPPINGS.get(event.getClass());
        if (mapping == null) {
            // unreachable: index() checks that every permitted subclass has a mapping
            throw new IllegalArgumentException("No Avro mapping for " + event.getClass().getName());
        }
        return mapping;
    }

    private static io.parley.events.conversation.ConversationCreated conversationCreated(ConversationCreated event) {
        return io.parley.events.conversation.ConversationCreated.newBuilder()
                .setTitle(event.title())
                .setDirect(Objects.requireNonNull(event.kind(), "kind") == ConversationKind.DIRECT)
                .setPublicJoin(event.publicJoin())
                .setUniqueName(event.uniqueName())
                .setCustomData(event.customData())
                .setHistoryVisibility(historyVisibility(event.historyVisibility()))
                .setParticipants(participants(event.participants()))
                .build();
    }

    private static io.parley.events.conversation.ConversationEdited conversationEdited(ConversationEdited event) {
        return io.parley.events.conversation.ConversationEdited.newBuilder()
                .setTitle(event.title())
                .setCustomData(event.customData())
                .setUniqueName(event.uniqueName())
                .setPublicJoin(event.publicJoin())
                .setClearedFields(orEmpty(event.clearedFields()))
                .build();
    }

    private static io.parley.events.conversation.ConversationDeleted conversationDeleted(ConversationDeleted event) {
        // the domain records no reason (yet)
        return io.parley.events.conversation.ConversationDeleted.newBuilder().setReason(null).build();
    }

    private static io.parley.events.conversation.ParticipantsAdded participantsAdded(ParticipantsAdded event) {
        return io.parley.events.conversation.ParticipantsAdded.newBuilder()
                .setParticipants(participants(event.participants()))
                .build();
    }

    private static io.parley.events.conversation.ParticipantRemoved participantRemoved(ParticipantRemoved event) {
        return io.parley.events.conversation.ParticipantRemoved.newBuilder().setUserId(event.userId()).build();
    }

    private static io.parley.events.conversation.ParticipantJoined participantJoined(ParticipantJoined event) {
        return io.parley.events.conversation.ParticipantJoined.newBuilder()
                .setUserId(event.userId())
                .setPermissions(permissions(event.permissions()))
                .build();
    }

    private static io.parley.events.conversation.ParticipantLeft participantLeft(ParticipantLeft event) {
        return io.parley.events.conversation.ParticipantLeft.newBuilder().setUserId(event.userId()).build();
    }

    private static io.parley.events.conversation.ParticipantPermissionsChanged participantPermissionsChanged(
            ParticipantPermissionsChanged event) {
        return io.parley.events.conversation.ParticipantPermissionsChanged.newBuilder()
                .setUserId(event.userId())
                .setPermissions(permissions(event.permissions()))
                .build();
    }

    private static io.parley.events.conversation.MessageSent messageSent(MessageSent event) {
        return io.parley.events.conversation.MessageSent.newBuilder()
                .setMessageId(event.messageId())
                .setText(event.text())
                .setPayload(event.payload())
                .setAttributes(event.attributes())
                .setMedia(orEmpty(event.media()).stream().map(AvroEventMapper::media).toList())
                .setReplyTo(event.replyTo())
                .setMentions(orEmpty(event.mentions()))
                .setForwardedFrom(messageRef(event.forwardedFrom()))
                .build();
    }

    private static io.parley.events.conversation.MessageEdited messageEdited(MessageEdited event) {
        return io.parley.events.conversation.MessageEdited.newBuilder()
                .setMessageId(event.messageId())
                .setText(event.text())
                .setPayload(event.payload())
                .setAttributes(event.attributes())
                .setClearedFields(orEmpty(event.clearedFields()))
                .build();
    }

    private static io.parley.events.conversation.MessageRemoved messageRemoved(MessageRemoved event) {
        return io.parley.events.conversation.MessageRemoved.newBuilder().setMessageId(event.messageId()).build();
    }

    private static io.parley.events.conversation.ReadAdvanced readAdvanced(ReadAdvanced event) {
        return io.parley.events.conversation.ReadAdvanced.newBuilder()
                .setUserId(event.userId())
                .setSequence(event.sequence())
                .build();
    }

    private static io.parley.events.conversation.ReadSet readSet(ReadSet event) {
        return io.parley.events.conversation.ReadSet.newBuilder()
                .setUserId(event.userId())
                .setSequence(event.sequence())
                .build();
    }

    private static io.parley.events.conversation.DeliveredAdvanced deliveredAdvanced(DeliveredAdvanced event) {
        return io.parley.events.conversation.DeliveredAdvanced.newBuilder()
                .setUserId(event.userId())
                .setSequence(event.sequence())
                .build();
    }

    private static String historyVisibility(HistoryVisibility visibility) {
        return switch (Objects.requireNonNull(visibility, "historyVisibility")) {
            case SHARED -> "shared";
            case JOINED -> "joined";
        };
    }

    private static List<io.parley.events.conversation.Participant> participants(List<ParticipantSpec> participants) {
        return orEmpty(participants).stream()
                .map(participant -> io.parley.events.conversation.Participant.newBuilder()
                        .setUserId(participant.userId())
                        .setPermissions(permissions(participant.permissions()))
                        .build())
                .toList();
    }

    private static io.parley.events.conversation.Permissions permissions(Permissions permissions) {
        Objects.requireNonNull(permissions, "permissions");
        return io.parley.events.conversation.Permissions.newBuilder()
                .setCanWrite(permissions.canWrite())
                .setCanEdit(permissions.canEdit())
                .setCanRemove(permissions.canRemove())
                .setCanManageParticipants(permissions.canManageParticipants())
                .setCanEditAll(permissions.canEditAll())
                .setCanRemoveAll(permissions.canRemoveAll())
                .setOwner(permissions.owner())
                .build();
    }

    private static io.parley.events.conversation.Media media(Media media) {
        return io.parley.events.conversation.Media.newBuilder()
                .setType(media.type())
                .setUrl(media.url())
                .setFileName(media.fileName())
                .setSize(media.size())
                .setMimeType(media.mimeType())
                .setDurationMs(media.durationMs())
                .setThumbnailUrl(media.thumbnailUrl())
                .setCaption(media.caption())
                .build();
    }

    private static io.parley.events.conversation.MessageRef messageRef(MessageRef ref) {
        if (ref == null) {
            return null;
        }
        return io.parley.events.conversation.MessageRef.newBuilder()
                .setConversationId(ref.conversationId())
                .setMessageId(ref.messageId())
                .build();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A domain event type, its API type string and its payload mapping. */
    private record Mapping<E extends ConversationEvent>(Class<E> eventType, String type, Function<E, Object> payload) {

        Object payloadOf(ConversationEvent event) {
            return payload.apply(eventType.cast(event));
        }
    }

    private static <E extends ConversationEvent> Mapping<E> mapping(
            Class<E> eventType, String type, Function<E, Object> payload) {
        return new Mapping<>(eventType, type, payload);
    }

    private static Map<Class<?>, Mapping<?>> index(Mapping<?>... mappings) {
        Map<Class<?>, Mapping<?>> byClass = new LinkedHashMap<>();
        for (Mapping<?> mapping : mappings) {
            if (byClass.put(mapping.eventType(), mapping) != null) {
                throw new IllegalStateException("Two Avro mappings for " + mapping.eventType().getName());
            }
        }
        String unmapped = Arrays.stream(ConversationEvent.class.getPermittedSubclasses())
                .filter(type -> !byClass.containsKey(type))
                .map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        if (!unmapped.isEmpty()) {
            throw new IllegalStateException("Domain events without an Avro mapping: " + unmapped);
        }
        return Map.copyOf(byClass);
    }
}
