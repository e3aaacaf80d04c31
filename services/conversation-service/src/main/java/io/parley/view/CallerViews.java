package io.parley.view;

import io.parley.conversation.ConversationAccess;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ReadableRange;
import io.parley.http.JsonText;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views as one reader may see them, given the part of the log they may read (the aggregate's readable
 * range, from {@link ConversationAccess}: the one visibility rule). A range that ends before the log does is
 * a former participant's: they see the conversation as it was at its end, folded from the log (title, custom
 * data, participants and their horizons, counts, the last message, message content without later edits). A
 * range that starts after 1 is a late joiner's: counts and the last message are taken from its start on.
 */
@Singleton
public class CallerViews {
    private final ConversationViews views;
    private final ConversationAtSequence history;
    private final ConversationAccess access;
    private final JsonText json;

    CallerViews(ConversationViews views, ConversationAtSequence history, ConversationAccess access, JsonText json) {
        this.views = views;
        this.history = history;
        this.access = access;
        this.json = json;
    }

    /** The conversation as the reader of {@code readable} sees it, if the views know it. */
    public Optional<ConversationViews.Conversation> conversation(String id, ReadableRange readable) {
        if (readable.ended()) {
            return Optional.of(history.snapshot(id, readable).conversation());
        }
        Optional<ConversationViews.Conversation> current = views.conversation(id);
        if (current.isEmpty() || readable.from() <= 1) {
            return current;
        }
        ConversationViews.Conversation c = current.get();
        return Optional.of(new ConversationViews.Conversation(c.id(), c.title(), c.direct(), c.publicJoin(),
                c.uniqueName(), c.customData(), c.historyVisibility(), c.createdAt(), c.createdBy(), c.lastSequence(),
                c.lastUpdate(), c.participantCount(), views.messageCount(id, readable.from(), c.lastSequence()),
                views.lastMessageId(id, readable.from(), c.lastSequence()).orElse(null), c.deleted(),
                c.asOfSequence()));
    }

    /** The participants the reader sees, with their horizons (a former participant: as they were at the end). */
    public List<ConversationViews.Participant> participants(String id, ReadableRange readable) {
        return readable.ended() ? history.snapshot(id, readable).participants() : views.participants(id);
    }

    /** The snapshot at the end of a former participant's range. */
    public ConversationAtSequence.Snapshot snapshot(String id, ReadableRange readable) {
        return history.snapshot(id, readable);
    }

    /**
     * History items as the reader sees them: for a former participant, the content of edited messages as it
     * was at the end of their range (edits made later are not applied). Removed messages stay tombstones.
     */
    public List<ConversationViews.HistoryItem> asSeen(String id, List<ConversationViews.HistoryItem> items,
                                                      ReadableRange readable) {
        if (!readable.ended()) {
            return items;
        }
        List<String> edited = new ArrayList<>();
        long from = Long.MAX_VALUE;
        for (ConversationViews.HistoryItem item : items) {
            if (item instanceof ConversationViews.Message message && !message.removed()
                    && message.editedAt() != null) {
                edited.add(message.messageId());
                from = Math.min(from, message.sequence());
            }
        }
        if (edited.isEmpty()) {
            return items;
        }
        Map<String, ConversationAccess.ContentAsOf> contents = access.contentAsOf(id, edited, from, readable.to());
        List<ConversationViews.HistoryItem> seen = new ArrayList<>(items.size());
        for (ConversationViews.HistoryItem item : items) {
            ConversationAccess.ContentAsOf content = contents.get(item.messageId());
            if (content != null && item instanceof ConversationViews.Message m) {
                MessageSent sent = content.message();
                seen.add(new ConversationViews.Message(m.messageId(), m.sequence(), m.author(), sent.text(),
                        json.read(sent.payload()), json.read(sent.attributes()), m.media(), m.replyTo(), m.mentions(),
                        m.forwardedFrom(), m.sentAt(), content.editedAt(), false));
            } else {
                seen.add(item);
            }
        }
        return seen;
    }

    /** One message as the reader sees it (see {@link #asSeen(String, List, ReadableRange)}). */
    public ConversationViews.HistoryItem asSeen(String id, ConversationViews.HistoryItem item, ReadableRange readable) {
        return asSeen(id, List.of(item), readable).get(0);
    }

    /**
     * Unread messages: a former participant has none (they cannot move their horizon any more, so a count
     * would stay for ever); a late joiner counts from their join.
     */
    public long unreadCount(String id, String userId, long lastRead, long upTo, ReadableRange readable) {
        if (readable.ended()) {
            return 0;
        }
        return views.unreadCount(id, userId, horizon(lastRead, readable), upTo);
    }

    /** The horizon unread counts start from: the reader's, or just before what they may read. */
    public static long horizon(long lastRead, ReadableRange readable) {
        return Math.max(lastRead, readable.from() - 1);
    }
}
