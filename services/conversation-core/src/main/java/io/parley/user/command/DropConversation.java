package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Drop a conversation from the user's recent list until a message above {@code upToSequence} (the
 * conversation's last sequence, resolved by the caller) arrives. Appends {@code ConversationDropped}
 * unless it is dropped at that very sequence already; a different sequence, lower too, replaces it.
 * {@code VALIDATION_FAILED} when {@code upToSequence < 1}.
 */
public record DropConversation(String userId, Long ifMatch, String conversationId, long upToSequence)
        implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
