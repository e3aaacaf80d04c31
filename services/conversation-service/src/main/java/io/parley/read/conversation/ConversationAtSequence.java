package io.parley.read.conversation;

import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.eventlog.ConversationLog;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.DeliveredAdvanced;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.event.ReadSet;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ParticipantJoined;
import io.parley.conversation.event.ParticipantLeft;
import io.parley.conversation.event.ParticipantPermissionsChanged;
import io.parley.conversation.event.ParticipantRemoved;
import io.parley.conversation.event.ParticipantsAdded;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.Permissions;
import io.parley.http.JsonText;
import jakarta.inject.Singleton;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * Time travel for audits and support: a conversation as it was right after event N, folded from its log
 * (it reads the log up to N, so it costs what N costs).
 */
@Singleton
@SerdeImport(Permissions.class)
public class ConversationAtSequence {
    private final ConversationLog log;
    private final JsonText json;

    ConversationAtSequence(ConversationLog log, JsonText json) {
        this.log = log;
        this.json = json;
    }

    @Serdeable
    @Schema(name = "ConversationAtSequence", description = "A conversation as it was right after event asOfSequence")
    public record State(String id, @Nullable @Schema(requiredMode = REQUIRED) String title, boolean direct,
                        boolean publicJoin,
                        @Nullable @Schema(requiredMode = REQUIRED) String uniqueName,
                        @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                Schema.AdditionalPropertiesValue.TRUE) Object customData,
                        String historyVisibility, Instant createdAt, String createdBy, int participantCount,
                        long messageCount, List<Member> participants, boolean deleted, long asOfSequence) {
    }

    @Serdeable
    @Schema(name = "MemberAtSequence")
    public record Member(String userId, Permissions permissions) {
    }

    public State at(String conversationId, long sequence) {
        return state(conversationId, sequence, fold(conversationId, sequence));
    }

    private State state(String conversationId, long sequence, Fold fold) {
        return new State(conversationId, fold.title, fold.direct, fold.publicJoin, fold.uniqueName,
                json.read(fold.customData), fold.historyVisibility, fold.createdAt, fold.createdBy,
                fold.participants.size(), fold.messages.size(),
                fold.participants.entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList(),
                fold.deleted, Math.min(sequence, fold.seen));
    }

    private Fold fold(String conversationId, long sequence) {
        Fold fold = new Fold();
        log.forEach(conversationId, 1, sequence, message -> fold.apply(message.getPayload(), message.getTimestamp()));
        return fold;
    }

    /**
     * The conversation as a reader whose readable range is {@code range} (ending before the log does) sees
     * it: as it was right after event {@code range.to()}, with nothing of it from before {@code range.from()}
     * (messages counted and the last message taken from the range only), participants with their horizons
     * as they were then.
     */
    public Snapshot snapshot(String conversationId, ReadableRange range) {
        Fold fold = fold(conversationId, range.to());
        long last = Math.min(range.to(), fold.seen);
        long messageCount = fold.messages.values().stream().filter(range::contains).count();
        String lastMessageId = fold.sent.entrySet().stream().filter(e -> range.contains(e.getValue()))
                .reduce((first, second) -> second).map(Map.Entry::getKey).orElse(null);
        ConversationQueries.Conversation conversation = new ConversationQueries.Conversation(conversationId, fold.title,
                fold.direct, fold.publicJoin, fold.uniqueName, json.read(fold.customData), fold.historyVisibility,
                fold.createdAt, fold.createdBy, last, fold.lastUpdate, fold.participants.size(), messageCount,
                lastMessageId, fold.deleted, last);
        List<ConversationQueries.Participant> participants = fold.participants.keySet().stream()
                .map(userId -> participant(fold, userId)).toList();
        return new Snapshot(conversation, participants);
    }

    private static ConversationQueries.Participant participant(Fold fold, String userId) {
        Permissions permissions = fold.participants.get(userId);
        Map<String, Object> flags = new LinkedHashMap<>();
        if (permissions != null) {
            flags.put("canWrite", permissions.canWrite());
            flags.put("canEdit", permissions.canEdit());
            flags.put("canRemove", permissions.canRemove());
            flags.put("canManageParticipants", permissions.canManageParticipants());
            flags.put("canEditAll", permissions.canEditAll());
            flags.put("canRemoveAll", permissions.canRemoveAll());
            flags.put("owner", permissions.owner());
        }
        return new ConversationQueries.Participant(userId, flags, fold.joinedAt.get(userId),
                fold.joinedSequence.getOrDefault(userId, 0L), null, fold.read.getOrDefault(userId, 0L),
                fold.delivered.getOrDefault(userId, 0L));
    }

    /** What {@link #snapshot} folds: the conversation and its participants as of the end of a range. */
    public record Snapshot(ConversationQueries.Conversation conversation,
                           List<ConversationQueries.Participant> participants) {
        public Optional<ConversationQueries.Participant> participant(String userId) {
            return participants.stream().filter(p -> p.userId().equals(userId)).findFirst();
        }
    }

    private static final class Fold {
        String title;
        String customData;
        String uniqueName;
        String historyVisibility;
        String createdBy;
        Instant createdAt;
        boolean direct;
        boolean publicJoin;
        boolean deleted;
        long seen;
        Instant lastUpdate;
        final Map<String, Permissions> participants = new LinkedHashMap<>();
        /** Messages not removed, by id: their sequence. */
        final Map<String, Long> messages = new HashMap<>();
        /** Every message sent, removed or not, in sequence order: its sequence. */
        final Map<String, Long> sent = new LinkedHashMap<>();
        final Map<String, Long> joinedSequence = new HashMap<>();
        final Map<String, Instant> joinedAt = new HashMap<>();
        final Map<String, Long> read = new HashMap<>();
        final Map<String, Long> delivered = new HashMap<>();

        private void enter(String userId, Permissions permissions, Instant at) {
            if (!participants.containsKey(userId)) {
                joinedSequence.put(userId, seen);
                joinedAt.put(userId, at);
                read.remove(userId);
                delivered.remove(userId);
            }
            participants.put(userId, permissions);
        }

        void apply(Object event, Instant at) {
            seen++;
            lastUpdate = at;
            if (event instanceof ConversationCreated created) {
                title = created.title();
                customData = created.customData();
                uniqueName = created.uniqueName();
                historyVisibility = created.historyVisibility().name().toLowerCase(Locale.ROOT);
                direct = created.kind() == ConversationKind.DIRECT;
                publicJoin = created.publicJoin();
                createdBy = created.actor();
                createdAt = at;
                created.participants().forEach(p -> enter(p.userId(), p.permissions(), at));
            } else if (event instanceof ConversationEdited edited) {
                List<String> cleared = edited.clearedFields();
                title = edited.title() != null || cleared.contains("title") ? edited.title() : title;
                customData = edited.customData() != null || cleared.contains("customData") ? edited.customData() : customData;
                uniqueName = edited.uniqueName() != null || cleared.contains("uniqueName") ? edited.uniqueName() : uniqueName;
                publicJoin = edited.publicJoin() != null ? edited.publicJoin() : publicJoin;
            } else if (event instanceof ConversationDeleted) {
                deleted = true;
            } else if (event instanceof ParticipantsAdded added) {
                added.participants().forEach(p -> enter(p.userId(), p.permissions(), at));
            } else if (event instanceof ParticipantJoined joined) {
                enter(joined.userId(), joined.permissions(), at);
            } else if (event instanceof ParticipantLeft left) {
                participants.remove(left.userId());
            } else if (event instanceof ParticipantRemoved removed) {
                participants.remove(removed.userId());
            } else if (event instanceof ParticipantPermissionsChanged changed) {
                participants.put(changed.userId(), changed.permissions());
            } else if (event instanceof MessageSent sent) {
                messages.put(sent.messageId(), seen);
                this.sent.put(sent.messageId(), seen);
            } else if (event instanceof MessageRemoved removed) {
                messages.remove(removed.messageId());
            } else if (event instanceof ReadAdvanced advanced) {
                read.put(advanced.userId(), advanced.sequence());
            } else if (event instanceof ReadSet set) {
                read.put(set.userId(), set.sequence());
            } else if (event instanceof DeliveredAdvanced advanced) {
                delivered.put(advanced.userId(), advanced.sequence());
            }
        }
    }
}
