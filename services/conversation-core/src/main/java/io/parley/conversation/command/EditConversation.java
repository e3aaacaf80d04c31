package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Change a conversation's attributes. A null field is left as it is; a field named in {@code clear}
 * ({@code title}, {@code customData}, {@code uniqueName}) is removed.
 */
public record EditConversation(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                               String title, String customData, String uniqueName, Boolean publicJoin,
                               List<String> clear) implements ConversationCommand {
    public EditConversation {
        clear = clear == null ? List.of() : List.copyOf(clear);
    }
}
