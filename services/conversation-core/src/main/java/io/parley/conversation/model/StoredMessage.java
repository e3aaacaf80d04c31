package io.parley.conversation.model;

import java.time.Instant;

/** What the rules need to know of a message already in a conversation's log. */
public record StoredMessage(String conversationId, String messageId, long sequence, String author, Instant sentAt,
                            boolean removed) {
}
