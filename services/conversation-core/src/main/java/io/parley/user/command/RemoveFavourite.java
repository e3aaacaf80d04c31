package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget a favourite. Appends {@code FavouriteRemoved} unless the message is no favourite. */
public record RemoveFavourite(String userId, Long ifMatch, String conversationId, String messageId)
        implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
