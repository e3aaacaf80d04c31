package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Send a message; {@code messageId} is chosen by the client so that a retry appends nothing. */
public record SendMessage(
        @TargetAggregateIdentifier String conversationId,
        Actor actor,
        Long ifMatch,
        String messageId,
        String text,
        String payload,
        String attributes,
        List<Media> media,
        String replyTo,
        List<String> mentions,
        MessageRef forwardedFrom) implements ConversationCommand {

    public SendMessage {
        media = media == null ? List.of() : List.copyOf(media);
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
