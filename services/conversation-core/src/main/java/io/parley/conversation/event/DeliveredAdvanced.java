package io.parley.conversation.event;

/** A participant's delivered horizon moved forward to {@code sequence}. */
public record DeliveredAdvanced(String conversationId, String actor, String userId, long sequence)
        implements ConversationEvent {
}
