package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Join a public group conversation as oneself. */
public record JoinConversation(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch)
        implements ConversationCommand {
}
