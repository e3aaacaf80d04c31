package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import io.parley.conversation.model.Permissions;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a participant's permissions. */
public record ChangePermissions(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                                String userId, Permissions permissions) implements ConversationCommand {
}
