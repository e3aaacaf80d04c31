package io.parley.conversation.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark everything up to {@code sequence} read; ignored when the horizon is already there. */
public record AdvanceReadHorizon(@TargetAggregateIdentifier String conversationId, String actor, long sequence) {
}
