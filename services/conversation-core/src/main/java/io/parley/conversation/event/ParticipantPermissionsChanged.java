package io.parley.conversation.event;

import io.parley.conversation.model.Permissions;

/** A participant's permissions replaced as a whole. */
public record ParticipantPermissionsChanged(String conversationId, String actor, String userId, Permissions permissions)
        implements ConversationEvent {
}
