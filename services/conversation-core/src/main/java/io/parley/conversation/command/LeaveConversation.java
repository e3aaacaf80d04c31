package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Leave a group conversation. */
public record LeaveConversation(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch)
        implements ConversationCommand {
}
