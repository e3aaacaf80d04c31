package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Create a conversation; repeating it with the same id by the same creator returns the existing one. */
public record CreateConversation(
        @TargetAggregateIdentifier String conversationId,
        Actor actor,
        String title,
        ConversationKind kind,
        boolean publicJoin,
        String uniqueName,
        String customData,
        HistoryVisibility historyVisibility,
        List<ParticipantSpec> participants) implements ConversationCommand {

    public CreateConversation {
        participants = participants == null ? List.of() : List.copyOf(participants);
        kind = kind == null ? ConversationKind.GROUP : kind;
        historyVisibility = historyVisibility == null ? HistoryVisibility.SHARED : historyVisibility;
    }

    @Override
    public Long ifMatch() {
        return null;
    }
}
