package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark everything up to {@code sequence} read; ignored when the horizon is already there. */
public record AdvanceReadHorizon(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                                 long sequence) implements ConversationCommand {
}
