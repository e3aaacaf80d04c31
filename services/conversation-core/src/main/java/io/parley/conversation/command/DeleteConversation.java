package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close a conversation for good; its log stays readable by those who could read it. */
public record DeleteConversation(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch)
        implements ConversationCommand {
}
