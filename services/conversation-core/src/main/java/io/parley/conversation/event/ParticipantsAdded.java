package io.parley.conversation.event;

import io.parley.conversation.model.ParticipantSpec;

import java.util.List;

/** Participants added by someone who manages participants. */
public record ParticipantsAdded(String conversationId, String actor, List<ParticipantSpec> participants)
        implements ConversationEvent {
}
