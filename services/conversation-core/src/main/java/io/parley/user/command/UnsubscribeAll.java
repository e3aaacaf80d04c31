package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Unsubscribe from everyone. Appends {@code Unsubscribed} with every current subscription, in the order
 * they were made; nothing when there is none.
 */
public record UnsubscribeAll(String userId, Long ifMatch) implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
