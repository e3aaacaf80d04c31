package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Clear a conversation's history for the user only: they no longer see events up to and including
 * {@code upToSequence}. The caller resolves the default (the conversation's last sequence) and checks
 * that the user may read the conversation. Appends {@code ConversationCleared} unless the history is
 * already cleared that far (clearing never goes back). {@code VALIDATION_FAILED} when
 * {@code upToSequence < 1}.
 */
public record ClearConversation(String userId, Long ifMatch, String conversationId, long upToSequence)
        implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
