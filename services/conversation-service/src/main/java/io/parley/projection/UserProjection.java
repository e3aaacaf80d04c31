package io.parley.projection;

import io.parley.events.user.ConversationCleared;
import io.parley.events.user.ConversationDropped;
import io.parley.events.user.ConversationSettingsChanged;
import io.parley.events.user.FavouriteAdded;
import io.parley.events.user.FavouriteRemoved;
import io.parley.events.user.FavouritesCleared;
import io.parley.events.user.MessagesHidden;
import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.PushSettingsChanged;
import io.parley.events.user.Subscribed;
import io.parley.events.user.Unsubscribed;
import io.parley.events.user.UserEvent;
import io.parley.read.favourites.FavouriteViewWriter;
import io.parley.read.user.UserViewWriter;
import io.parley.read.visibility.PrivateViewWriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Applies a user's published events ({@code parley.user-events.v1}) to the user views, on the caller's
 * connection and transaction, through each view's writer. As for conversations, {@code user_view} holds the
 * last sequence applied per user: an event at or below it is a duplicate, one further ahead than the next a
 * gap (nothing is written; the caller heals it first).
 */
public final class UserProjection {

    /** The tables this projection writes, children first. */
    public static final List<String> TABLES = List.of("favourite_view", "hidden_message_view",
            "user_conversation_view", "user_subscription_view", "user_view");

    /** Applies events on one connection. */
    public Batch batch(Connection connection) {
        return new Batch(connection);
    }

    public static final class Batch {
        private final UserViewWriter users;
        private final PrivateViewWriter privateViews;
        private final FavouriteViewWriter favourites;

        private Batch(Connection connection) {
            this.users = new UserViewWriter(connection);
            this.privateViews = new PrivateViewWriter(connection);
            this.favourites = new FavouriteViewWriter(connection);
        }

        public long lastApplied(String userId) throws SQLException {
            return users.lastApplied(userId);
        }

        /**
         * Applies {@code event} if it is the user's next sequence. {@code privateCustomData}: for a profile change
         * that changed it, its value from the event store (not published).
         */
        public ConversationProjection.Outcome apply(UserEvent event, String privateCustomData) throws SQLException {
            String userId = event.getUserId();
            long last = users.lastApplied(userId);
            if (event.getSequence() <= last) {
                return ConversationProjection.Outcome.DUPLICATE;
            }
            if (event.getSequence() != last + 1) {
                return ConversationProjection.Outcome.GAP;
            }
            Object payload = event.getPayload();
            if (payload instanceof ProfileUpdated profile) {
                users.apply(userId, profile, privateCustomData);
            } else if (payload instanceof PushSettingsChanged push) {
                users.apply(userId, push);
            } else if (payload instanceof Subscribed subscribed) {
                users.apply(userId, subscribed);
            } else if (payload instanceof Unsubscribed unsubscribed) {
                users.apply(userId, unsubscribed);
            } else if (payload instanceof ConversationSettingsChanged settings) {
                privateViews.apply(userId, settings);
            } else if (payload instanceof ConversationCleared cleared) {
                privateViews.apply(userId, cleared);
                favourites.clearedUpTo(userId, cleared.getConversationId(), cleared.getUpToSequence());
            } else if (payload instanceof ConversationDropped dropped) {
                privateViews.apply(userId, dropped);
            } else if (payload instanceof MessagesHidden hidden) {
                privateViews.apply(userId, hidden);
                favourites.hidden(userId, hidden.getConversationId(),
                        hidden.getMessages().stream().map(m -> m.getMessageId()).toList());
            } else if (payload instanceof FavouriteAdded added) {
                favourites.apply(userId, added, event.getSequence(), event.getOccurredAt().toEpochMilli());
            } else if (payload instanceof FavouriteRemoved removed) {
                favourites.apply(userId, removed);
            } else if (payload instanceof FavouritesCleared) {
                favourites.cleared(userId);
            }
            users.applied(userId, event.getSequence());
            return ConversationProjection.Outcome.APPLIED;
        }
    }
}
