package io.parley.conversation.event;

/** A participant removed by someone who manages participants. */
public record ParticipantRemoved(String conversationId, String actor, String userId) implements ConversationEvent {
}
