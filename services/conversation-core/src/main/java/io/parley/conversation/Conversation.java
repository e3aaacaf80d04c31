package io.parley.conversation;

import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation: the consistency boundary for its participants, permissions and log order.
 * Rules are checked in command handlers before {@code apply}; state changes only in the
 * event-sourcing handlers. State is kept to what the rules need, so it does not grow with the
 * number of messages (participants and their horizons, and a bounded window of recent message ids).
 */
public class Conversation {

    @AggregateIdentifier
    private String id;
    private String createdBy;
    private ConversationKind kind;
    private final Map<String, Permissions> participants = new LinkedHashMap<>();
    private final Map<String, Long> readHorizons = new HashMap<>();
    private final RecentMessageIds recentMessageIds = new RecentMessageIds();
    private long lastSequence;

    protected Conversation() {
        // for Axon: an empty aggregate rebuilt from its events, or created by CreateConversation
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ConversationCreation handle(CreateConversation command) {
        if (id != null) {
            if (!createdBy.equals(command.actor())) {
                throw ConversationRejectedException.conflict("conversation id " + id + " is already taken");
            }
            return new ConversationCreation(id, false, lastSequence);
        }
        List<ParticipantSpec> members = membersOf(command);
        if (command.kind() == ConversationKind.DIRECT && members.size() != 2) {
            throw ConversationRejectedException.invalid(
                    "a direct conversation has exactly 2 participants, got " + members.size());
        }
        apply(new ConversationCreated(command.conversationId(), command.actor(), command.title(), command.kind(),
                command.publicJoin(), command.uniqueName(), command.customData(), command.historyVisibility(),
                members));
        return new ConversationCreation(command.conversationId(), true, lastSequence);
    }

    /** The creator as owner first, then the named participants, each user once. */
    private static List<ParticipantSpec> membersOf(CreateConversation command) {
        Map<String, ParticipantSpec> members = new LinkedHashMap<>();
        members.put(command.actor(), new ParticipantSpec(command.actor(), Permissions.ownerPermissions()));
        for (ParticipantSpec participant : command.participants()) {
            members.putIfAbsent(participant.userId(), participant);
        }
        return List.copyOf(members.values());
    }

    @CommandHandler
    public MessageAccepted handle(SendMessage command) {
        MessageAccepted earlier = command.messageId() == null ? null : recentMessageIds.find(command.messageId());
        if (earlier != null) {
            return earlier;
        }
        Permissions permissions = participantPermissions(command.actor());
        if (!permissions.canWrite()) {
            throw ConversationRejectedException.forbidden(command.actor() + " may not write in " + id);
        }
        boolean hasText = command.text() != null && !command.text().isBlank();
        if (!hasText && command.payload() == null && command.media().isEmpty()) {
            throw ConversationRejectedException.invalid("a message needs text, payload or media");
        }
        for (String mentioned : command.mentions()) {
            if (!participants.containsKey(mentioned)) {
                throw ConversationRejectedException.invalid("mentioned user " + mentioned + " is not a participant");
            }
        }
        String messageId = command.messageId() != null ? command.messageId() : java.util.UUID.randomUUID().toString();
        apply(new MessageSent(id, command.actor(), messageId, command.text(), command.payload(), command.attributes(),
                command.media(), command.replyTo(), command.mentions(), command.forwardedFrom()));
        return recentMessageIds.find(messageId);
    }

    @CommandHandler
    public ReadHorizon handle(AdvanceReadHorizon command) {
        participantPermissions(command.actor());
        if (command.sequence() < 0 || command.sequence() > lastSequence) {
            throw ConversationRejectedException.invalid(
                    "read sequence must be between 0 and " + lastSequence + ", got " + command.sequence());
        }
        long current = readHorizons.getOrDefault(command.actor(), 0L);
        if (command.sequence() > current) {
            apply(new ReadAdvanced(id, command.actor(), command.actor(), command.sequence()));
        }
        return new ReadHorizon(readHorizons.getOrDefault(command.actor(), 0L), lastSequence);
    }

    /** The actor's permissions; a non-participant is told the conversation does not exist. */
    private Permissions participantPermissions(String userId) {
        Permissions permissions = participants.get(userId);
        if (permissions == null) {
            throw ConversationRejectedException.notFound(id);
        }
        return permissions;
    }

    /** Whether {@code userId} may read this conversation's log. */
    public boolean isVisibleTo(String userId) {
        return participants.containsKey(userId);
    }

    public long lastSequence() {
        return lastSequence;
    }

    @EventSourcingHandler
    void on(ConversationCreated event, @SequenceNumber long axonSequence) {
        id = event.conversationId();
        createdBy = event.actor();
        kind = event.kind();
        event.participants().forEach(p -> participants.put(p.userId(), p.permissions()));
        lastSequence = ConversationSequence.fromAxon(axonSequence);
    }

    @EventSourcingHandler
    void on(MessageSent event, @SequenceNumber long axonSequence, @Timestamp Instant occurredAt) {
        lastSequence = ConversationSequence.fromAxon(axonSequence);
        recentMessageIds.remember(new MessageAccepted(event.messageId(), lastSequence, occurredAt));
    }

    @EventSourcingHandler
    void on(ReadAdvanced event, @SequenceNumber long axonSequence) {
        readHorizons.put(event.userId(), event.sequence());
        lastSequence = ConversationSequence.fromAxon(axonSequence);
    }
}
