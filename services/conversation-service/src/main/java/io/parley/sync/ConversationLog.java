package io.parley.sync;

import io.parley.axon.ConversationStreams;
import io.parley.conversation.CommandSideIndex;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageSent;
import io.parley.metrics.UnreadableRecords;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads a conversation's log straight from the event store, in sequence order. */
@Singleton
public class ConversationLog {
    /** Nothing is pruned from the log yet: every conversation is retained from its first event. */
    static final long RETAINED_FROM = 1;
    private final EventStorageEngine storageEngine;
    private final EventViews views;
    private final UnreadableRecords unreadable;
    private final CommandSideIndex index;

    ConversationLog(EventStorageEngine storageEngine, EventViews views, UnreadableRecords unreadable,
                    CommandSideIndex index) {
        this.storageEngine = storageEngine;
        this.views = views;
        this.unreadable = unreadable;
        this.index = index;
    }

    /**
     * Events {@code from..to} (inclusive), never past the log's end (for a former participant, the end of
     * {@code readable}); those outside {@code readable} as
     * hidden placeholders, those that cannot be rendered as unreadable ones, and the sends and edits of a
     * removed message redacted, so that every sequence is present and no removed content comes back.
     */
    public EventPage page(String conversationId, long from, long to, ReadableRange readable) {
        // a former participant's log ends where their range does: nothing after it, not even placeholders
        long lastSequence = Math.min(lastSequence(conversationId), readable.to());
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        ConversationStreams.forEach(storageEngine, conversationId, from, Math.min(to, lastSequence), stored::add);
        // read after the events: a removal the page holds is committed, and so is its mark in the index
        Set<String> removed = index.removedAmong(conversationId, messageIds(stored));
        List<EventView> events = new ArrayList<>(stored.size());
        for (DomainEventMessage<?> message : stored) {
            long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
            events.add(readable.contains(sequence) ? render(conversationId, sequence, message, removed)
                    : EventView.hidden(sequence));
        }
        long last = events.isEmpty() ? from - 1 : events.get(events.size() - 1).sequence();
        return new EventPage(events, from, last, lastSequence, RETAINED_FROM);
    }

    /** The messages whose content the page holds: those sent or edited in it. */
    private static Set<String> messageIds(List<DomainEventMessage<?>> stored) {
        Set<String> ids = new LinkedHashSet<>();
        for (DomainEventMessage<?> message : stored) {
            String id = contentOf(message);
            if (id != null) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The id of the message whose content this event carries, or null. */
    private static String contentOf(DomainEventMessage<?> message) {
        try {
            if (message.getPayload() instanceof MessageSent sent) {
                return sent.messageId();
            }
            if (message.getPayload() instanceof MessageEdited edited) {
                return edited.messageId();
            }
            return null;
        } catch (RuntimeException unreadablePayload) {
            return null;
        }
    }

    private EventView render(String conversationId, long sequence, DomainEventMessage<?> message,
                             Set<String> removed) {
        try {
            String contentOf = contentOf(message);
            return contentOf != null && removed.contains(contentOf)
                    ? views.redacted(message, contentOf)
                    : views.of(message);
        } catch (RuntimeException e) {
            unreadable.report(UnreadableRecords.EVENTS, conversationId, sequence, e);
            return EventView.unreadable(conversationId, sequence, EventViews.typeOf(message), message.getTimestamp(),
                    UnreadableRecords.ERROR);
        }
    }

    /** The conversation's last sequence in the event store (0 when it does not exist). */
    public long lastSequence(String conversationId) {
        return storageEngine.lastSequenceNumberFor(conversationId).map(ConversationSequence::fromAxon).orElse(0L);
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
        java.util.Set<String> unread = new java.util.HashSet<>();
        ConversationStreams.forEach(storageEngine, conversationId, horizon + 1, lastSequence, message -> {
            if (message.getPayload() instanceof MessageSent sent && !sent.actor().equals(userId)) {
                unread.add(sent.messageId());
            } else if (message.getPayload() instanceof io.parley.conversation.event.MessageRemoved removed) {
                unread.remove(removed.messageId());
            }
        });
        return unread.size();
    }
}
