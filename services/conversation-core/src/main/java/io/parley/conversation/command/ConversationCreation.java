package io.parley.conversation.command;

/** The answer to {@link CreateConversation}: {@code created} is false when it already existed. */
public record ConversationCreation(String conversationId, boolean created, long lastSequence) {
}
