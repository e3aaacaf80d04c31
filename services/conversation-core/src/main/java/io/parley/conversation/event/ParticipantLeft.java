package io.parley.conversation.event;

/** A participant left by themselves. */
public record ParticipantLeft(String conversationId, String actor, String userId) implements ConversationEvent {
}
