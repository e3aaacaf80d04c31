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

    /** The message with {@code edit} applied: a new value replaces the old one, a cleared field is null. */
    public MessageSent edited(MessageEdited edit) {
        return new MessageSent(conversationId, actor, messageId, field(edit, "text", edit.text(), text),
                field(edit, "payload", edit.payload(), payload),
                field(edit, "attributes", edit.attributes(), attributes), media, replyTo, mentions, forwardedFrom);
    }

    private static String field(MessageEdited edit, String name, String value, String old) {
        if (value != null) {
            return value;
        }
        return edit.clearedFields() != null && edit.clearedFields().contains(name) ? null : old;
    }
}
