package io.parley.conversation.event;

import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;

import java.util.List;

/**
 * A message. {@code payload} (a JSON array of objects) and {@code attributes} (a JSON object) are
 * JSON as text, or null.
 */
public record MessageSent(
        String conversationId,
        String actor,
        String messageId,
        String text,
        String payload,
        String attributes,
        List<Media> media,
        String replyTo,
        List<String> mentions,
        MessageRef forwardedFrom) implements ConversationEvent {
}
