package io.parley.conversation.model;

/** Points at a message in some conversation, e.g. the original of a forwarded message. */
public record MessageRef(String conversationId, String messageId) {
}
