package io.parley.read.history;

import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ReadableRange;
import io.parley.eventlog.ConversationLog;
import io.parley.http.JsonText;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * History items as one reader sees them. The view holds each message as it is now; a former participant
 * sees the content as it was at the end of their range (edits made later are not applied), folded from
 * the log. Removal applies for everyone: a removed message stays a tombstone.
 */
@Singleton
public class HistoryAsSeen {
    private final ConversationLog log;
    private final JsonText json;

    HistoryAsSeen(ConversationLog log, JsonText json) {
        this.log = log;
        this.json = json;
    }

    public List<MessageQueries.HistoryItem> asSeen(String id, List<MessageQueries.HistoryItem> items,
                                                   ReadableRange readable) {
        if (!readable.ended()) {
            return items;
        }
        List<String> edited = new ArrayList<>();
        long from = Long.MAX_VALUE;
        for (MessageQueries.HistoryItem item : items) {
            if (item instanceof MessageQueries.Message message && !message.removed() && message.editedAt() != null) {
                edited.add(message.messageId());
                from = Math.min(from, message.sequence());
            }
        }
        if (edited.isEmpty()) {
            return items;
        }
        Map<String, ConversationLog.ContentAsOf> contents = log.contentAsOf(id, edited, from, readable.to());
        List<MessageQueries.HistoryItem> seen = new ArrayList<>(items.size());
        for (MessageQueries.HistoryItem item : items) {
            ConversationLog.ContentAsOf content = contents.get(item.messageId());
            if (content != null && item instanceof MessageQueries.Message m) {
                MessageSent sent = content.message();
                seen.add(new MessageQueries.Message(m.messageId(), m.sequence(), m.author(), sent.text(),
                        json.read(sent.payload()), json.read(sent.attributes()), m.media(), m.replyTo(), m.mentions(),
                        m.forwardedFrom(), m.sentAt(), content.editedAt(), false));
            } else {
                seen.add(item);
            }
        }
        return seen;
    }

    /** One message as the reader sees it. */
    public MessageQueries.HistoryItem asSeen(String id, MessageQueries.HistoryItem item, ReadableRange readable) {
        return asSeen(id, List.of(item), readable).get(0);
    }
}
