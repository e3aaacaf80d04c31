package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set the read horizon, also backwards ({@code 0}: everything unread). */
public record SetReadHorizon(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                             long sequence) implements ConversationCommand {
}
