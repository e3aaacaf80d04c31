package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark everything up to {@code sequence} delivered to the caller's devices. */
public record AdvanceDeliveredHorizon(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                                      long sequence) implements ConversationCommand {
}
