package io.parley.conversation.event;

/** The conversation is closed: the last event of its log. */
public record ConversationDeleted(String conversationId, String actor) implements ConversationEvent {
}
