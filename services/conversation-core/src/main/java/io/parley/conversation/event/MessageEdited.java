package io.parley.conversation.event;

import java.util.List;

/** New text, payload or attributes of a message; null is unchanged, {@code clearedFields} removed. */
public record MessageEdited(
        String conversationId,
        String actor,
        String messageId,
        String text,
        String payload,
        String attributes,
        List<String> clearedFields) implements ConversationEvent {
}
