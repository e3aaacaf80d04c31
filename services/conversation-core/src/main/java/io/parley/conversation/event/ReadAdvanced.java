package io.parley.conversation.event;

/** A participant's read horizon moved forward to {@code sequence}. */
public record ReadAdvanced(String conversationId, String actor, String userId, long sequence)
        implements ConversationEvent {
}
