package io.parley.read.favourites;

import io.parley.events.user.FavouriteAdded;
import io.parley.events.user.FavouriteRemoved;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Writes {@code favourite_view} from a user's published events, on the projector's connection and transaction. */
public final class FavouriteViewWriter {
    private final Connection connection;

    public FavouriteViewWriter(Connection connection) {
        this.connection = connection;
    }

    /** {@code sequence}: the user event that added it; {@code atMillis}: when. */
    public void apply(String userId, FavouriteAdded added, long sequence, long atMillis) throws SQLException {
        Sql.update(connection, "INSERT INTO favourite_view (user_id, conversation_id, message_id, added_sequence, "
                + "added_at_millis) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM favourite_view WHERE "
                + "user_id = ? AND conversation_id = ? AND message_id = ?)", userId, added.getConversationId(),
                added.getMessageId(), sequence, atMillis, userId, added.getConversationId(), added.getMessageId());
    }

    public void apply(String userId, FavouriteRemoved removed) throws SQLException {
        Sql.update(connection, "DELETE FROM favourite_view WHERE user_id = ? AND conversation_id = ? AND message_id = ?",
                userId, removed.getConversationId(), removed.getMessageId());
    }

    public void cleared(String userId) throws SQLException {
        Sql.update(connection, "DELETE FROM favourite_view WHERE user_id = ?", userId);
    }
}
