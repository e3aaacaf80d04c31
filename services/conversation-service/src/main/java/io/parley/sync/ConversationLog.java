package io.parley.sync;

import io.parley.axon.ConversationStreams;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageSent;
import io.parley.metrics.UnreadableRecords;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.List;

/** Reads a conversation's log straight from the event store, in sequence order. */
@Singleton
public class ConversationLog {
    /** Nothing is pruned from the log yet: every conversation is retained from its first event. */
    static final long RETAINED_FROM = 1;
    private final EventStorageEngine storageEngine;
    private final EventViews views;
    private final UnreadableRecords unreadable;

    ConversationLog(EventStorageEngine storageEngine, EventViews views, UnreadableRecords unreadable) {
        this.storageEngine = storageEngine;
        this.views = views;
        this.unreadable = unreadable;
    }

    /**
     * Events {@code from..to} (inclusive), never past the log's end; those outside {@code readable} as
     * hidden placeholders and those that cannot be rendered as unreadable ones, so that every sequence is
     * present.
     */
    public EventPage page(String conversationId, long from, long to, ReadableRange readable) {
        long lastSequence = lastSequence(conversationId);
        List<EventView> events = new ArrayList<>();
        ConversationStreams.forEach(storageEngine, conversationId, from, Math.min(to, lastSequence), message -> {
            long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
            events.add(readable.contains(sequence) ? render(conversationId, sequence, message)
                    : EventView.hidden(sequence));
        });
        long last = events.isEmpty() ? from - 1 : events.get(events.size() - 1).sequence();
        return new EventPage(events, from, last, lastSequence, RETAINED_FROM);
    }

    private EventView render(String conversationId, long sequence, DomainEventMessage<?> message) {
        try {
            return views.of(message);
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
