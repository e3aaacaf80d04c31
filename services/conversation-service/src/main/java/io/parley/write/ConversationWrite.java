package io.parley.write;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.command.ConversationChanged;

/**
 * The answer to a write that returns no resource: the conversation's last sequence afterwards (use it
 * as the next {@code If-Match}) and whether this request appended an event.
 */
@Serdeable
public record ConversationWrite(String conversationId, long lastSequence, boolean appended) {
    public static ConversationWrite of(String conversationId, ConversationChanged changed) {
        return new ConversationWrite(conversationId, changed.lastSequence(), changed.appended());
    }
}
