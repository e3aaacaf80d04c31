package io.parley.read.events;

import io.parley.conversation.ConversationSequence;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.MessageRemoved;
import io.parley.read.visibility.PrivateMask;
import io.parley.read.visibility.PrivateViews;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import io.parley.conversation.model.ReadableRange;
import io.parley.eventlog.ConversationLog;
import io.parley.eventlog.EventView;
import io.parley.eventlog.EventViews;
import io.parley.metrics.UnreadableRecords;
import io.parley.read.history.MessageQueries;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;

/** Pages of a conversation's log as one reader may replay them, read from the event store. */
@Singleton
public class EventPages {
    private final ConversationLog log;
    private final EventViews views;
    private final MessageQueries messages;
    private final UnreadableRecords unreadable;
    private final PrivateViews privateViews;

    EventPages(ConversationLog log, EventViews views, MessageQueries messages, UnreadableRecords unreadable,
               PrivateViews privateViews) {
        this.privateViews = privateViews;
        this.log = log;
        this.views = views;
        this.messages = messages;
        this.unreadable = unreadable;
    }

    /**
     * Events {@code from..to} (inclusive), never past {@code upTo} (the end of what the caller's range is
     * known for: the log's end as far as the views have reached it, or a former participant's leave); those
     * outside {@code readable} and the message events of messages the caller cleared or deleted for themselves
     * ({@code mask}) as hidden placeholders, those that cannot be rendered as unreadable ones, and
     * the sends and edits of a removed message redacted, so that every sequence is present and no removed
     * content comes back.
     */
    public EventPage page(String conversationId, long from, long to, ReadableRange readable, long upTo,
                          PrivateMask mask) {
        long lastSequence = Math.min(upTo, readable.to());
        List<DomainEventMessage<?>> stored = new ArrayList<>();
        log.forEach(conversationId, from, Math.min(to, lastSequence), stored::add);
        List<EventView> events = render(conversationId, stored, readable::contains, mask);
        long last = events.isEmpty() ? from - 1 : events.get(events.size() - 1).sequence();
        return new EventPage(events, from, last, lastSequence, ConversationLog.RETAINED_FROM);
    }

    /**
     * Stored events of one conversation as one reader sees them: those {@code readable} refuses, and the message
     * events of messages the reader cleared or deleted for themselves ({@code mask}), as hidden placeholders; the
     * sends and edits of a removed message redacted; one that cannot be rendered as unreadable.
     */
    public List<EventView> render(String conversationId, List<DomainEventMessage<?>> stored, LongPredicate readable,
                                  PrivateMask mask) {
        Set<String> removed = messages.removedAmong(conversationId, messageIds(stored));
        Set<String> masked = maskedAmong(conversationId, stored, mask);
        List<EventView> events = new ArrayList<>(stored.size());
        for (DomainEventMessage<?> message : stored) {
            long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
            String about = messageOf(message);
            events.add(readable.test(sequence) && (about == null || !masked.contains(about))
                    ? render(conversationId, sequence, message, removed)
                    : EventView.hidden(sequence));
        }
        return events;
    }

    /**
     * The messages of the page's message events (sent, edited, removed) that {@code mask}'s user cleared or deleted
     * for themselves: those events are hidden placeholders for them (API.md, Sync and replay).
     */
    private Set<String> maskedAmong(String conversationId, List<DomainEventMessage<?>> stored, PrivateMask mask) {
        Map<String, Long> sentAt = new HashMap<>();
        Set<String> unknownSend = new LinkedHashSet<>();
        for (DomainEventMessage<?> message : stored) {
            String id = messageOf(message);
            if (id == null) {
                continue;
            }
            if (isSend(message)) {
                sentAt.put(id, ConversationSequence.fromAxon(message.getSequenceNumber()));
            } else if (!sentAt.containsKey(id)) {
                unknownSend.add(id);
            }
        }
        Set<String> masked = new HashSet<>(privateViews.hiddenAmong(mask, concat(sentAt.keySet(), unknownSend)));
        if (mask.clearedUpTo() > 0) {
            sentAt.putAll(messages.sentSequences(conversationId, unknownSend));
            sentAt.forEach((id, sequence) -> {
                if (mask.cleared(sequence)) {
                    masked.add(id);
                }
            });
        }
        return masked;
    }

    private static Set<String> concat(Set<String> first, Set<String> second) {
        Set<String> all = new LinkedHashSet<>(first);
        all.addAll(second);
        return all;
    }

    private static boolean isSend(DomainEventMessage<?> message) {
        try {
            return message.getPayload() instanceof MessageSent;
        } catch (RuntimeException unreadablePayload) {
            return false;
        }
    }

    /** The id of the message a message event (sent, edited, removed) is about, or null. */
    private static String messageOf(DomainEventMessage<?> message) {
        try {
            if (message.getPayload() instanceof MessageRemoved removal) {
                return removal.messageId();
            }
        } catch (RuntimeException unreadablePayload) {
            return null;
        }
        return contentOf(message);
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
}
