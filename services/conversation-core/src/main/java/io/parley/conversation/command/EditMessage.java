package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Change a message's text, payload or attributes; null is unchanged, a name in {@code clear} removed. */
public record EditMessage(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                          String messageId, String text, String payload, String attributes, List<String> clear)
        implements ConversationCommand {
    public EditMessage {
        clear = clear == null ? List.of() : List.copyOf(clear);
    }
}
