package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move the read horizon to the conversation's last sequence. */
public record MarkAllRead(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch)
        implements ConversationCommand {
}
