package io.parley.eventlog;

import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.ReaderStanding;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ReadableRange;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a conversation's log straight from the event store, in sequence order, without loading the
 * aggregate (no lock is taken): what the write side needs to answer a command and what the read side
 * needs where the views do not keep enough (content as of an earlier sequence, replay).
 */
@Singleton
public class ConversationLog {
    /** Nothing is pruned from the log yet: every conversation is retained from its first event. */
    public static final long RETAINED_FROM = 1;
    private final EventStorageEngine storageEngine;

    ConversationLog(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    /** The conversation's last sequence in the event store (0 when it does not exist). */
    public long lastSequence(String conversationId) {
        return storageEngine.lastSequenceNumberFor(conversationId).map(ConversationSequence::fromAxon).orElse(0L);
    }

    /** Hands each stored event with sequence {@code from..to} (inclusive) to {@code each}, in order. */
    public void forEach(String conversationId, long from, long to, Consumer<DomainEventMessage<?>> each) {
        ConversationStreams.forEach(storageEngine, conversationId, from, to, each);
    }

    /** The event that created the conversation (sequence 1). */
    public DomainEventMessage<?> creation(String conversationId) {
        DomainEventStream stream = storageEngine.readEvents(conversationId, 0);
        DomainEventMessage<?> first = stream.next();
        if (!(first.getPayload() instanceof ConversationCreated)) {
            throw new IllegalStateException("conversation " + conversationId + " does not start with its creation");
        }
        return first;
    }

    /**
     * Messages of others above {@code horizon} up to {@code lastSequence}, not removed. Counted from the log,
     * so the answer to a read command is exact at the sequence it returns even when the views lag.
     */
    public long unreadCount(String conversationId, String userId, long horizon, long lastSequence) {
        return unreadCount(conversationId, userId, horizon, lastSequence, Set.of());
    }

    /** As {@link #unreadCount(String, String, long, long)}, leaving out the messages {@code excluded}. */
    public long unreadCount(String conversationId, String userId, long horizon, long lastSequence,
                            Set<String> excluded) {
        Set<String> unread = new HashSet<>();
        forEach(conversationId, horizon + 1, lastSequence, message -> {
            if (message.getPayload() instanceof MessageSent sent && !sent.actor().equals(userId)
                    && !excluded.contains(sent.messageId())) {
                unread.add(sent.messageId());
            } else if (message.getPayload() instanceof MessageRemoved removed) {
                unread.remove(removed.messageId());
            }
        });
        return unread.size();
    }

    /**
     * What {@code userId} may read of the conversation, decided by the one rule from the log itself: the
     * aggregate's latest snapshot (if any) and the events after it (at most a snapshot interval), without
     * loading the aggregate through its repository. Empty for a conversation that does not exist.
     */
    public Optional<ReadableRange> readableRange(String conversationId, String userId) {
        return standing(conversationId, userId).standing().readableRange();
    }

    /** A reader's standing in a conversation, folded up to and including sequence {@code at} (0: none yet). */
    public record Standing(ReaderStanding standing, long at) {
    }

    /**
     * The reader's standing from the log itself (the latest snapshot, then the events after it), and the last
     * sequence it was folded through: a reader that follows the log folds on from there
     * ({@link ReaderStanding#after}).
     */
    public Standing standing(String conversationId, String userId) {
        ReaderStanding standing = ReaderStanding.before(userId);
        long from = 1;
        Optional<DomainEventMessage<?>> snapshot = readSnapshot(conversationId);
        if (snapshot.isPresent() && snapshot.get().getPayload() instanceof Conversation state) {
            standing = state.standingOf(userId);
            from = ConversationSequence.fromAxon(snapshot.get().getSequenceNumber()) + 1;
        }
        ReaderStanding[] folded = {standing};
        long[] at = {from - 1};
        forEach(conversationId, from, Long.MAX_VALUE, message -> {
            at[0] = ConversationSequence.fromAxon(message.getSequenceNumber());
            folded[0] = folded[0].after(message.getPayload(), at[0]);
        });
        return new Standing(folded[0], at[0]);
    }

    /** The latest snapshot, if there is one that reads back (otherwise the whole log is folded). */
    private Optional<DomainEventMessage<?>> readSnapshot(String conversationId) {
        try {
            Optional<DomainEventMessage<?>> snapshot = storageEngine.readSnapshot(conversationId);
            snapshot.ifPresent(DomainEventMessage::getPayload);
            return snapshot;
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** A message's content with the edits up to some sequence applied, and when the last of them was made. */
    public record ContentAsOf(MessageSent message, Instant editedAt) {
    }

    /**
     * The content of the given messages (sent from {@code from} on) as it was right after event {@code to},
     * folded from the log: edits made after {@code to} are not applied. Messages not sent in
     * {@code from..to} are left out. Removal is not looked at: the caller decides what a removed message shows.
     */
    public Map<String, ContentAsOf> contentAsOf(String conversationId, Collection<String> messageIds, long from,
                                                long to) {
        Map<String, ContentAsOf> contents = new HashMap<>();
        if (messageIds.isEmpty() || to < from) {
            return contents;
        }
        Set<String> wanted = new HashSet<>(messageIds);
        forEach(conversationId, from, to, event -> {
            if (event.getPayload() instanceof MessageSent sent && wanted.contains(sent.messageId())) {
                contents.put(sent.messageId(), new ContentAsOf(sent, null));
            } else if (event.getPayload() instanceof MessageEdited edit && contents.containsKey(edit.messageId())) {
                contents.computeIfPresent(edit.messageId(),
                        (id, content) -> new ContentAsOf(content.message().edited(edit), event.getTimestamp()));
            }
        });
        return contents;
    }

    /** The content of one message as of event {@code to}; see {@link #contentAsOf(String, Collection, long, long)}. */
    public ContentAsOf contentAsOf(String conversationId, String messageId, long sentAt, long to) {
        return contentAsOf(conversationId, List.of(messageId), sentAt, to).get(messageId);
    }
}
