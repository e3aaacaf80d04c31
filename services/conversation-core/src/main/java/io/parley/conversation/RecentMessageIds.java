package io.parley.conversation;

import io.parley.conversation.command.MessageAccepted;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client message ids of a conversation's most recent messages, so that a retried send returns
 * the original answer instead of appending again. Bounded: a conversation with millions of messages
 * keeps only the last {@link #CAPACITY}; a retry older than that is treated as a new message.
 */
final class RecentMessageIds {
    /** At 2,000 messages/s into one conversation this still covers a second of retries; usually hours. */
    static final int CAPACITY = 2048;

    private final LinkedHashMap<String, MessageAccepted> byMessageId = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MessageAccepted> eldest) {
            return size() > CAPACITY;
        }
    };

    MessageAccepted find(String messageId) {
        return byMessageId.get(messageId);
    }

    void remember(MessageAccepted accepted) {
        byMessageId.put(accepted.messageId(), accepted);
    }

    int size() {
        return byMessageId.size();
    }
}
