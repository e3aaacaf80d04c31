package io.parley.conversation.command;

import java.time.Instant;

/** The answer to {@link SendMessage}: where the message stands in the log, also on a retry. */
public record MessageAccepted(String messageId, long sequence, Instant sentAt) {
}
