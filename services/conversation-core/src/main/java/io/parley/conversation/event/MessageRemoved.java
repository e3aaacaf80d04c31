package io.parley.conversation.event;

/** A message removed for everyone; it stays in the log as a tombstone. */
public record MessageRemoved(String conversationId, String actor, String messageId) implements ConversationEvent {
}
