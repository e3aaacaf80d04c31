package io.parley.view;

import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.axon.ConversationStreams;
import io.parley.conversation.event.ConversationCreated;
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
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time travel for audits and support: a conversation as it was right after event N, folded from its log
 * (it reads the log up to N, so it costs what N costs).
 */
@Singleton
@SerdeImport(Permissions.class)
public class ConversationAtSequence {
    private final EventStorageEngine storageEngine;
    private final JsonText json;

    ConversationAtSequence(EventStorageEngine storageEngine, JsonText json) {
        this.storageEngine = storageEngine;
        this.json = json;
    }

    @Serdeable
    public record State(String id, String title, boolean direct, boolean publicJoin, String uniqueName,
                        Object customData, String historyVisibility, Instant createdAt, String createdBy,
                        int participantCount, long messageCount, List<Member> participants, boolean deleted,
                        long asOfSequence) {
    }

    @Serdeable
    public record Member(String userId, Permissions permissions) {
    }

    public State at(String conversationId, long sequence) {
        Fold fold = new Fold();
        ConversationStreams.forEach(storageEngine, conversationId, 1, sequence,
                message -> fold.apply(message.getPayload(), message.getTimestamp()));
        return new State(conversationId, fold.title, fold.direct, fold.publicJoin, fold.uniqueName,
                json.read(fold.customData), fold.historyVisibility, fold.createdAt, fold.createdBy,
                fold.participants.size(), fold.messages.size(),
                fold.participants.entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList(),
                fold.deleted, Math.min(sequence, fold.seen));
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
        final Map<String, Permissions> participants = new LinkedHashMap<>();
        final java.util.Set<String> messages = new java.util.HashSet<>();

        void apply(Object event, Instant at) {
            seen++;
            if (event instanceof ConversationCreated created) {
                title = created.title();
                customData = created.customData();
                uniqueName = created.uniqueName();
                historyVisibility = created.historyVisibility().name().toLowerCase(Locale.ROOT);
                direct = created.kind() == ConversationKind.DIRECT;
                publicJoin = created.publicJoin();
                createdBy = created.actor();
                createdAt = at;
                created.participants().forEach(p -> participants.put(p.userId(), p.permissions()));
            } else if (event instanceof ConversationEdited edited) {
                List<String> cleared = edited.clearedFields();
                title = edited.title() != null || cleared.contains("title") ? edited.title() : title;
                customData = edited.customData() != null || cleared.contains("customData") ? edited.customData() : customData;
                uniqueName = edited.uniqueName() != null || cleared.contains("uniqueName") ? edited.uniqueName() : uniqueName;
                publicJoin = edited.publicJoin() != null ? edited.publicJoin() : publicJoin;
            } else if (event instanceof ConversationDeleted) {
                deleted = true;
            } else if (event instanceof ParticipantsAdded added) {
                added.participants().forEach(p -> participants.put(p.userId(), p.permissions()));
            } else if (event instanceof ParticipantJoined joined) {
                participants.put(joined.userId(), joined.permissions());
            } else if (event instanceof ParticipantLeft left) {
                participants.remove(left.userId());
            } else if (event instanceof ParticipantRemoved removed) {
                participants.remove(removed.userId());
            } else if (event instanceof ParticipantPermissionsChanged changed) {
                participants.put(changed.userId(), changed.permissions());
            } else if (event instanceof MessageSent sent) {
                messages.add(sent.messageId());
            } else if (event instanceof MessageRemoved removed) {
                messages.remove(removed.messageId());
            }
        }
    }
}
