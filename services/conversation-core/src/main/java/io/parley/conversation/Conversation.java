package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.ConversationCommand;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.DeleteConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.JoinConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
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
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.Participation;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import io.parley.conversation.model.StoredMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A conversation: the consistency boundary for its participants, permissions and log order.
 * <p>
 * Rules are checked in command handlers before {@code apply}; state changes only in the event-sourcing
 * handlers. State is what the rules need and nothing that grows with the number of messages:
 * participants with permissions and horizons, former participants, and a bounded window of recent
 * message ids. Older messages are looked up in the {@link MessageDirectory}.
 * <p>
 * When the last owner leaves or is removed while others remain, ownership passes to the participant
 * who has been in the conversation longest (a {@code participant.permissions_changed} event right after).
 */
public class Conversation {

    @AggregateIdentifier
    private String id;
    private String createdBy;
    private ConversationKind kind;
    private boolean publicJoin;
    private boolean deleted;
    private long lastSequence;
    /** The last event that is not a read or delivered horizon: what "all read" has to reach. */
    private long lastActivitySequence;
    /** Current participants in the order they came in (the heir to ownership is the first). */
    private final LinkedHashMap<String, Permissions> participants = new LinkedHashMap<>();
    /** Users who were participants, with the sequence of the event that took them out. */
    private final Map<String, Long> formerParticipants = new HashMap<>();
    /** The sequence at which each current or former participant last came in. */
    private final Map<String, Long> joinedAt = new HashMap<>();
    private HistoryVisibility historyVisibility = HistoryVisibility.SHARED;
    private final Map<String, Long> readHorizons = new HashMap<>();
    private final Map<String, Long> deliveredHorizons = new HashMap<>();
    private final RecentMessageIds recentMessageIds = new RecentMessageIds();

    protected Conversation() {
        // for Axon: an empty aggregate rebuilt from its events, or created by CreateConversation
    }

    // ---- conversation ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ConversationCreation handle(CreateConversation command, ConversationLimits limits) {
        if (id != null) {
            if (!createdBy.equals(command.actor().userId())) {
                throw ConversationRejectedException.conflict("conversation id " + id + " is already taken");
            }
            return new ConversationCreation(id, false, lastSequence);
        }
        List<ParticipantSpec> members = membersOf(command);
        if (members.size() > limits.maxParticipants()) {
            throw ConversationRejectedException.invalid("a conversation has at most " + limits.maxParticipants()
                    + " participants, got " + members.size());
        }
        if (command.kind() == ConversationKind.DIRECT) {
            if (members.size() != 2) {
                throw ConversationRejectedException.invalid(
                        "a direct conversation has exactly 2 participants, got " + members.size());
            }
            if (command.publicJoin()) {
                throw ConversationRejectedException.invalid("a direct conversation cannot be public");
            }
        }
        if (members.stream().noneMatch(member -> member.permissions().owner())) {
            throw ConversationRejectedException.invalid("a conversation needs at least one owner");
        }
        apply(new ConversationCreated(command.conversationId(), command.actor().userId(), command.title(),
                command.kind(), command.publicJoin(), command.uniqueName(), command.customData(),
                command.historyVisibility(), members));
        return new ConversationCreation(command.conversationId(), true, lastSequence);
    }

    /**
     * A user creating a conversation is its first participant and owner; an admin integration creates
     * it for the named participants only.
     */
    private static List<ParticipantSpec> membersOf(CreateConversation command) {
        Map<String, ParticipantSpec> members = new LinkedHashMap<>();
        if (!command.actor().admin()) {
            String creator = command.actor().userId();
            members.put(creator, new ParticipantSpec(creator, Permissions.ownerPermissions()));
        }
        for (ParticipantSpec participant : command.participants()) {
            members.putIfAbsent(participant.userId(), participant);
        }
        return List.copyOf(members.values());
    }

    @CommandHandler
    public ConversationChanged handle(EditConversation command) {
        Permissions permissions = writablePermissions(command);
        if (!permissions.managesParticipants()) {
            throw forbidden(command, "edit this conversation");
        }
        for (String field : command.clear()) {
            if (!List.of("title", "customData", "uniqueName").contains(field)) {
                throw ConversationRejectedException.invalid("cannot remove " + field);
            }
        }
        boolean nothing = command.title() == null && command.customData() == null && command.uniqueName() == null
                && command.publicJoin() == null && command.clear().isEmpty();
        if (nothing) {
            return unchanged();
        }
        if (kind == ConversationKind.DIRECT && Boolean.TRUE.equals(command.publicJoin())) {
            throw ConversationRejectedException.invalid("a direct conversation cannot be public");
        }
        apply(new ConversationEdited(id, command.actor().userId(), command.title(), command.customData(),
                command.uniqueName(), command.publicJoin(), command.clear()));
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(DeleteConversation command) {
        Permissions permissions = writablePermissions(command);
        if (!permissions.owner()) {
            throw forbidden(command, "delete this conversation");
        }
        apply(new ConversationDeleted(id, command.actor().userId()));
        return changed();
    }

    // ---- participants ----

    @CommandHandler
    public ConversationChanged handle(JoinConversation command, ConversationLimits limits) {
        String userId = command.actor().userId();
        if (!participants.containsKey(userId) && !(publicJoin && kind == ConversationKind.GROUP)) {
            throw ConversationRejectedException.notFound(id);
        }
        checkOpen(command);
        if (participants.containsKey(userId)) {
            return unchanged();
        }
        requireRoomFor(1, limits);
        apply(new ParticipantJoined(id, userId, userId, Permissions.defaults()));
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(LeaveConversation command) {
        String userId = command.actor().userId();
        if (!participants.containsKey(userId)) {
            throw ConversationRejectedException.notFound(id);
        }
        checkOpen(command);
        if (kind == ConversationKind.DIRECT) {
            throw ConversationRejectedException.invalid("a direct conversation cannot be left");
        }
        apply(new ParticipantLeft(id, userId, userId));
        passOwnershipOnIfNeeded(userId);
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(AddParticipants command, ConversationLimits limits) {
        Permissions permissions = writablePermissions(command);
        if (!permissions.managesParticipants()) {
            throw forbidden(command, "add participants");
        }
        if (kind == ConversationKind.DIRECT) {
            throw ConversationRejectedException.invalid("participants of a direct conversation cannot change");
        }
        Map<String, ParticipantSpec> added = new LinkedHashMap<>();
        for (ParticipantSpec participant : command.participants()) {
            if (participant.permissions().owner() && !permissions.owner()) {
                throw forbidden(command, "grant owner");
            }
            if (!participants.containsKey(participant.userId())) {
                added.putIfAbsent(participant.userId(), participant);
            }
        }
        if (added.isEmpty()) {
            return unchanged();
        }
        requireRoomFor(added.size(), limits);
        apply(new ParticipantsAdded(id, command.actor().userId(), List.copyOf(added.values())));
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(RemoveParticipant command) {
        Permissions permissions = writablePermissions(command);
        if (!permissions.managesParticipants()) {
            throw forbidden(command, "remove participants");
        }
        if (kind == ConversationKind.DIRECT) {
            throw ConversationRejectedException.invalid("participants of a direct conversation cannot change");
        }
        Permissions target = participants.get(command.userId());
        if (target == null) {
            throw new ConversationRejectedException(Rejection.NOT_FOUND,
                    command.userId() + " is not a participant of " + id);
        }
        if (target.owner() && !permissions.owner()) {
            throw forbidden(command, "remove an owner");
        }
        apply(new ParticipantRemoved(id, command.actor().userId(), command.userId()));
        passOwnershipOnIfNeeded(command.actor().userId());
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(ChangePermissions command) {
        Permissions permissions = writablePermissions(command);
        if (!permissions.managesParticipants()) {
            throw forbidden(command, "change permissions");
        }
        Permissions current = participants.get(command.userId());
        if (current == null) {
            throw new ConversationRejectedException(Rejection.NOT_FOUND,
                    command.userId() + " is not a participant of " + id);
        }
        Permissions next = command.changes().applyTo(current);
        if ((next.owner() || current.owner()) && !permissions.owner()) {
            throw forbidden(command, "grant or change owner");
        }
        if (!command.actor().admin()) {
            if (command.userId().equals(command.actor().userId()) && current.isRaisedBy(next)) {
                throw forbidden(command, "raise their own permissions");
            }
            if (!permissions.mayGrant(current, next)) {
                throw forbidden(command, "grant a permission they do not hold");
            }
        }
        if (current.equals(next)) {
            return unchanged();
        }
        if (current.owner() && !next.owner() && owners() == 1) {
            throw ConversationRejectedException.conflict("a conversation keeps at least one owner: grant owner to "
                    + "someone else first");
        }
        apply(new ParticipantPermissionsChanged(id, command.actor().userId(), command.userId(), next));
        return changed();
    }

    private void requireRoomFor(int newcomers, ConversationLimits limits) {
        if (participants.size() + newcomers > limits.maxParticipants()) {
            throw ConversationRejectedException.invalid("a conversation has at most " + limits.maxParticipants()
                    + " participants; it has " + participants.size());
        }
    }

    /** After an owner went, the longest-standing participant becomes owner if no owner is left. */
    private void passOwnershipOnIfNeeded(String actor) {
        if (owners() == 0 && !participants.isEmpty()) {
            String heir = participants.keySet().iterator().next();
            apply(new ParticipantPermissionsChanged(id, actor, heir, Permissions.ownerPermissions()));
        }
    }

    private long owners() {
        return participants.values().stream().filter(Permissions::owner).count();
    }

    // ---- messages ----

    @CommandHandler
    public MessageAccepted handle(SendMessage command, MessageDirectory directory) {
        if (!command.actor().admin() && !participants.containsKey(command.actor().userId())) {
            throw ConversationRejectedException.notFound(id);
        }
        Optional<MessageAccepted> earlier = earlierSend(command, directory);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Permissions permissions = writablePermissions(command);
        if (!permissions.canWrite()) {
            throw forbidden(command, "write");
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
        // a message sent earlier in the same transaction is recent but not in the directory yet
        if (command.replyTo() != null && recentMessageIds.find(command.replyTo()) == null
                && directory.find(id, command.replyTo()).isEmpty()) {
            throw ConversationRejectedException.invalid("replyTo " + command.replyTo() + " is not a message of " + id);
        }
        String messageId = command.messageId() != null ? command.messageId() : UUID.randomUUID().toString();
        apply(new MessageSent(id, command.actor().userId(), messageId, command.text(), command.payload(),
                command.attributes(), command.media(), command.replyTo(), command.mentions(),
                command.forwardedFrom()));
        return recentMessageIds.find(messageId);
    }

    /** A retry of a send that was accepted before: answered as it was, whatever happened since. */
    private Optional<MessageAccepted> earlierSend(SendMessage command, MessageDirectory directory) {
        if (command.messageId() == null) {
            return Optional.empty();
        }
        MessageAccepted recent = recentMessageIds.find(command.messageId());
        Optional<StoredMessage> stored = recent != null ? Optional.empty() : directory.find(id, command.messageId());
        if (recent == null && stored.isEmpty()) {
            return Optional.empty();
        }
        String author = recent != null ? recentMessageIds.authorOf(command.messageId()) : stored.get().author();
        if (!author.equals(command.actor().userId())) {
            throw ConversationRejectedException.conflict("message id " + command.messageId() + " is already used");
        }
        return Optional.of(recent != null ? recent
                : new MessageAccepted(command.messageId(), stored.get().sequence(), stored.get().sentAt()));
    }

    @CommandHandler
    public ConversationChanged handle(EditMessage command, MessageDirectory directory) {
        Permissions permissions = writablePermissions(command);
        StoredMessage message = existingMessage(command.messageId(), directory);
        boolean own = message.author().equals(command.actor().userId());
        if (!(own && permissions.canEdit()) && !permissions.canEditAll()) {
            throw forbidden(command, "edit message " + command.messageId());
        }
        if (message.removed()) {
            throw ConversationRejectedException.conflict("message " + command.messageId() + " was removed");
        }
        for (String field : command.clear()) {
            if (!List.of("text", "payload", "attributes").contains(field)) {
                throw ConversationRejectedException.invalid("cannot remove " + field);
            }
        }
        if (command.text() == null && command.payload() == null && command.attributes() == null
                && command.clear().isEmpty()) {
            return unchanged();
        }
        apply(new MessageEdited(id, command.actor().userId(), command.messageId(), command.text(), command.payload(),
                command.attributes(), command.clear()));
        return changed();
    }

    @CommandHandler
    public ConversationChanged handle(RemoveMessage command, MessageDirectory directory) {
        Permissions permissions = writablePermissions(command);
        StoredMessage message = existingMessage(command.messageId(), directory);
        boolean own = message.author().equals(command.actor().userId());
        if (!(own && permissions.canRemove()) && !permissions.canRemoveAll()) {
            throw forbidden(command, "remove message " + command.messageId());
        }
        if (message.removed()) {
            return unchanged();
        }
        apply(new MessageRemoved(id, command.actor().userId(), command.messageId()));
        return changed();
    }

    private StoredMessage existingMessage(String messageId, MessageDirectory directory) {
        return directory.find(id, messageId).orElseThrow(() -> new ConversationRejectedException(Rejection.NOT_FOUND,
                "message " + messageId + " not found in " + id));
    }

    // ---- read state ----

    @CommandHandler
    public ReadHorizon handle(AdvanceReadHorizon command) {
        String userId = participantAt(command, command.sequence());
        if (command.sequence() > readHorizon(userId)) {
            apply(new ReadAdvanced(id, userId, userId, command.sequence()));
        }
        return readHorizonOf(userId);
    }

    @CommandHandler
    public ReadHorizon handle(SetReadHorizon command) {
        String userId = participantAt(command, command.sequence());
        if (command.sequence() != readHorizon(userId)) {
            apply(new ReadSet(id, userId, userId, command.sequence()));
        }
        return readHorizonOf(userId);
    }

    @CommandHandler
    public ReadHorizon handle(MarkAllRead command) {
        String userId = participantAt(command, lastSequence);
        // Horizon events do not make anything unread: without this, two clients that both mark all read
        // on every new event would answer each other's read events for ever.
        if (lastActivitySequence > readHorizon(userId)) {
            apply(new ReadAdvanced(id, userId, userId, lastSequence));
        }
        return readHorizonOf(userId);
    }

    @CommandHandler
    public ConversationChanged handle(AdvanceDeliveredHorizon command) {
        String userId = participantAt(command, command.sequence());
        if (command.sequence() <= deliveredHorizons.getOrDefault(userId, 0L)) {
            return unchanged();
        }
        apply(new DeliveredAdvanced(id, userId, userId, command.sequence()));
        return changed();
    }

    /** Horizons belong to participants themselves, and point at a sequence of the log. */
    private String participantAt(ConversationCommand command, long sequence) {
        String userId = command.actor().userId();
        if (!participants.containsKey(userId)) {
            throw ConversationRejectedException.notFound(id);
        }
        checkOpen(command);
        if (sequence < 0 || sequence > lastSequence) {
            throw ConversationRejectedException.invalid(
                    "sequence must be between 0 and " + lastSequence + ", got " + sequence);
        }
        return userId;
    }

    private long readHorizon(String userId) {
        return readHorizons.getOrDefault(userId, 0L);
    }

    private ReadHorizon readHorizonOf(String userId) {
        long unreadAbove = readableRangeFor(userId).orElseThrow().unreadHorizon(readHorizon(userId));
        return new ReadHorizon(readHorizon(userId), lastSequence, unreadAbove);
    }

    // ---- shared checks ----

    /**
     * The actor's permissions in an open conversation that is where the caller expects it: admins have
     * all, non-participants are told it does not exist.
     */
    private Permissions writablePermissions(ConversationCommand command) {
        Permissions permissions = command.actor().admin()
                ? Permissions.ownerPermissions()
                : participants.get(command.actor().userId());
        if (permissions == null) {
            throw ConversationRejectedException.notFound(id);
        }
        checkOpen(command);
        return permissions;
    }

    private void checkOpen(ConversationCommand command) {
        if (deleted) {
            throw ConversationRejectedException.conflict("conversation " + id + " is deleted");
        }
        if (command.ifMatch() != null && command.ifMatch() != lastSequence) {
            throw new ConversationRejectedException(Rejection.PRECONDITION_FAILED, "conversation " + id
                    + " is at sequence " + lastSequence + (command.ifMatch() < 0 ? "" : ", not " + command.ifMatch()),
                    lastSequence);
        }
    }

    private static ConversationRejectedException forbidden(ConversationCommand command, String what) {
        return ConversationRejectedException.forbidden(command.actor().userId() + " may not " + what);
    }

    private ConversationChanged changed() {
        return new ConversationChanged(lastSequence, true);
    }

    private ConversationChanged unchanged() {
        return new ConversationChanged(lastSequence, false);
    }

    // ---- what readers may ask ----

    /**
     * The sequences {@code userId} may read: a participant all of the log (from their join when history
     * is visible from the join only), a former participant up to the event that took them out, anyone
     * the whole log of a public conversation; nobody else anything.
     */
    public Optional<ReadableRange> readableRangeFor(String userId) {
        return standingOf(userId).readableRange();
    }

    /** What the visibility rule needs to know about {@code userId} here (for readers folding on from a snapshot). */
    public ReaderStanding standingOf(String userId) {
        Participation participation = participants.containsKey(userId)
                ? Participation.current(joinedAt.getOrDefault(userId, 1L))
                : formerParticipants.containsKey(userId)
                ? Participation.former(joinedAt.getOrDefault(userId, 1L), formerParticipants.get(userId)) : null;
        return new ReaderStanding(userId, true, participation, historyVisibility, publicJoin);
    }

    /** Whether {@code userId} may send to this conversation now (admins may always, unless it is deleted). */
    public boolean acceptsMessagesFrom(String userId, boolean admin) {
        Permissions permissions = participants.get(userId);
        return !deleted && (admin || permissions != null && permissions.canWrite());
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** For tests. */
    int participantCount() {
        return participants.size();
    }

    // ---- state ----

    @EventSourcingHandler
    void on(ConversationCreated event, @SequenceNumber long axonSequence) {
        id = event.conversationId();
        createdBy = event.actor();
        kind = event.kind();
        publicJoin = event.publicJoin();
        historyVisibility = event.historyVisibility();
        at(axonSequence);
        event.participants().forEach(p -> enter(p.userId(), p.permissions()));
    }

    @EventSourcingHandler
    void on(ConversationEdited event, @SequenceNumber long axonSequence) {
        if (event.publicJoin() != null) {
            publicJoin = event.publicJoin();
        }
        at(axonSequence);
    }

    @EventSourcingHandler
    void on(ConversationDeleted event, @SequenceNumber long axonSequence) {
        deleted = true;
        at(axonSequence);
    }

    @EventSourcingHandler
    void on(ParticipantsAdded event, @SequenceNumber long axonSequence) {
        at(axonSequence);
        event.participants().forEach(p -> enter(p.userId(), p.permissions()));
    }

    @EventSourcingHandler
    void on(ParticipantJoined event, @SequenceNumber long axonSequence) {
        at(axonSequence);
        enter(event.userId(), event.permissions());
    }

    @EventSourcingHandler
    void on(ParticipantRemoved event, @SequenceNumber long axonSequence) {
        at(axonSequence);
        exit(event.userId());
    }

    @EventSourcingHandler
    void on(ParticipantLeft event, @SequenceNumber long axonSequence) {
        at(axonSequence);
        exit(event.userId());
    }

    @EventSourcingHandler
    void on(ParticipantPermissionsChanged event, @SequenceNumber long axonSequence) {
        participants.put(event.userId(), event.permissions());
        at(axonSequence);
    }

    @EventSourcingHandler
    void on(MessageSent event, @SequenceNumber long axonSequence, @Timestamp Instant occurredAt) {
        at(axonSequence);
        // milliseconds, as everywhere the time is published (Kafka, the message directory)
        recentMessageIds.remember(new MessageAccepted(event.messageId(), lastSequence,
                occurredAt.truncatedTo(ChronoUnit.MILLIS)), event.actor());
    }

    @EventSourcingHandler
    void on(MessageEdited event, @SequenceNumber long axonSequence) {
        at(axonSequence);
    }

    @EventSourcingHandler
    void on(MessageRemoved event, @SequenceNumber long axonSequence) {
        at(axonSequence);
    }

    @EventSourcingHandler
    void on(ReadAdvanced event, @SequenceNumber long axonSequence) {
        readHorizons.put(event.userId(), event.sequence());
        horizonAt(axonSequence);
    }

    @EventSourcingHandler
    void on(ReadSet event, @SequenceNumber long axonSequence) {
        readHorizons.put(event.userId(), event.sequence());
        horizonAt(axonSequence);
    }

    @EventSourcingHandler
    void on(DeliveredAdvanced event, @SequenceNumber long axonSequence) {
        deliveredHorizons.put(event.userId(), event.sequence());
        horizonAt(axonSequence);
    }

    private void at(long axonSequence) {
        lastSequence = ConversationSequence.fromAxon(axonSequence);
        lastActivitySequence = lastSequence;
    }

    /** A horizon event moves the log on, but is no activity anyone has to read. */
    private void horizonAt(long axonSequence) {
        lastSequence = ConversationSequence.fromAxon(axonSequence);
    }

    private void enter(String userId, Permissions permissions) {
        participants.put(userId, permissions);
        formerParticipants.remove(userId);
        joinedAt.put(userId, lastSequence);
    }

    private void exit(String userId) {
        participants.remove(userId);
        readHorizons.remove(userId);
        deliveredHorizons.remove(userId);
        formerParticipants.put(userId, lastSequence);
    }

    /** Participants in the order they came in; for tests and the snapshot size check. */
    List<String> participantIds() {
        return new ArrayList<>(participants.keySet());
    }
}
