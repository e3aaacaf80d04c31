package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Forget all favourites. Appends {@code FavouritesCleared} unless there is none. */
public record ClearFavourites(String userId, Long ifMatch) implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
