package io.parley.conversation.event;

import io.parley.conversation.model.Permissions;

/** A user joined a public conversation by themselves. */
public record ParticipantJoined(String conversationId, String actor, String userId, Permissions permissions)
        implements ConversationEvent {
}
