package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep a message as a favourite; {@code sequence}: the conversation sequence it was sent at (the caller looks it
 * up), so that clearing the conversation up to there removes the favourite. Appends {@code FavouriteAdded} unless
 * it is one already.
 * {@code VALIDATION_FAILED} when the favourites would exceed {@code UserLimits.maxFavourites()}.
 */
public record AddFavourite(String userId, Long ifMatch, String conversationId, String messageId, long sequence)
        implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
