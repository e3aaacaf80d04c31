package io.parley.conversation.command;

import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ParticipantSpec;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Add participants; users already in are left as they are. */
public record AddParticipants(@TargetAggregateIdentifier String conversationId, Actor actor, Long ifMatch,
                              List<ParticipantSpec> participants) implements ConversationCommand {
    public AddParticipants {
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
