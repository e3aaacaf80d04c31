package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Subscribe to other users (their presence and public profile changes). Appends {@code Subscribed} with
 * the ids not subscribed yet, in the order given; nothing when all are.
 * {@code VALIDATION_FAILED} when no id is given, the user names themselves, or the subscriptions would
 * exceed {@code UserLimits.maxSubscriptions()}.
 */
public record Subscribe(String userId, Long ifMatch, List<String> userIds) implements UserCommand {
    public Subscribe {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
