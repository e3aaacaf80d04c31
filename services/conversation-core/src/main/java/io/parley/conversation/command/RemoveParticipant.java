package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a participant from a group conversation. */
public record RemoveParticipant(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                                String userId) implements ConversationCommand {
}
