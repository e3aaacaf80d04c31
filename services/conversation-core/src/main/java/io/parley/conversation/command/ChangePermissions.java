package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import io.parley.conversation.model.PermissionChanges;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change a participant's permissions: the flags {@code changes} sets, the others kept. */
public record ChangePermissions(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                                String userId, PermissionChanges changes) implements ConversationCommand {
}
