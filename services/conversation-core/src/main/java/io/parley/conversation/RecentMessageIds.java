package io.parley.conversation;

import io.parley.conversation.command.MessageAccepted;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The client message ids of a conversation's most recent messages, so that a retried send is answered
 * without a lookup. Bounded: a conversation with millions of messages keeps only the last
 * {@link #CAPACITY}; an older retry is recognised through the {@link MessageDirectory}.
 * <p>
 * Only the ordered entries are state (and go into snapshots); the index is rebuilt from them.
 */
final class RecentMessageIds {
    static final int CAPACITY = 128;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private transient Map<String, Entry> index;

    record Entry(MessageAccepted accepted, String author) {
    }

    MessageAccepted find(String messageId) {
        Entry entry = index().get(messageId);
        return entry == null ? null : entry.accepted();
    }

    String authorOf(String messageId) {
        Entry entry = index().get(messageId);
        return entry == null ? null : entry.author();
    }

    void remember(MessageAccepted accepted, String author) {
        Entry entry = new Entry(accepted, author);
        entries.addLast(entry);
        index().put(accepted.messageId(), entry);
        if (entries.size() > CAPACITY) {
            Entry eldest = entries.removeFirst();
            index.remove(eldest.accepted().messageId(), eldest);
        }
    }

    int size() {
        return entries.size();
    }

    private Map<String, Entry> index() {
        if (index == null) {
            index = new HashMap<>(Math.max(16, entries.size() * 2));
            entries.forEach(entry -> index.put(entry.accepted().messageId(), entry));
        }
        return index;
    }
}
