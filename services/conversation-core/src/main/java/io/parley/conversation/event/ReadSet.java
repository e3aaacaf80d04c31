package io.parley.conversation.event;

/** A participant's read horizon set to {@code sequence}, possibly backwards. */
public record ReadSet(String conversationId, String actor, String userId, long sequence)
        implements ConversationEvent {
}
