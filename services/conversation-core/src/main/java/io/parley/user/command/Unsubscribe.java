package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Unsubscribe from some users. Appends {@code Unsubscribed} with those of them the user is subscribed to;
 * nothing when none is. {@code VALIDATION_FAILED} when no id is given (see {@link UnsubscribeAll}).
 */
public record Unsubscribe(String userId, Long ifMatch, List<String> userIds) implements UserCommand {
    public Unsubscribe {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
