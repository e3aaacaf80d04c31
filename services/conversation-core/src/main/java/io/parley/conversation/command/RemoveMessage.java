package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a message for everyone, leaving a tombstone in the log. */
public record RemoveMessage(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                            String messageId) implements ConversationCommand {
}
