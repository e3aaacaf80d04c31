package io.parley.read.favourites;

import io.parley.events.user.FavouriteAdded;
import io.parley.events.user.FavouriteRemoved;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code favourite_view} from a user's published events, on the projector's connection and transaction. */
public final class FavouriteViewWriter {
    private final Connection connection;

    public FavouriteViewWriter(Connection connection) {
        this.connection = connection;
    }

    /** {@code sequence}: the user event that added it; {@code atMillis}: when. */
    public void apply(String userId, FavouriteAdded added, long sequence, long atMillis) throws SQLException {
        Sql.update(connection, "INSERT INTO favourite_view (user_id, conversation_id, message_id, sequence, "
                + "added_sequence, added_at_millis) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                + "favourite_view WHERE user_id = ? AND conversation_id = ? AND message_id = ?)", userId,
                added.getConversationId(), added.getMessageId(), added.getSequence(), sequence, atMillis, userId,
                added.getConversationId(), added.getMessageId());
    }

    public void apply(String userId, FavouriteRemoved removed) throws SQLException {
        Sql.update(connection, "DELETE FROM favourite_view WHERE user_id = ? AND conversation_id = ? AND message_id = ?",
                userId, removed.getConversationId(), removed.getMessageId());
    }

    /** The user cleared the conversation up to {@code upToSequence}: favourites sent until then go. */
    public void clearedUpTo(String userId, String conversationId, long upToSequence) throws SQLException {
        Sql.update(connection, "DELETE FROM favourite_view WHERE user_id = ? AND conversation_id = ? AND sequence <= ?",
                userId, conversationId, upToSequence);
    }

    /** The user deleted messages for themselves: their favourites go. */
    public void hidden(String userId, String conversationId, List<String> messageIds) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String messageId : messageIds) {
            rows.add(new Object[] {userId, conversationId, messageId});
        }
        Sql.updateAll(connection, "DELETE FROM favourite_view WHERE user_id = ? AND conversation_id = ? AND "
                + "message_id = ?", rows);
    }

    public void cleared(String userId) throws SQLException {
        Sql.update(connection, "DELETE FROM favourite_view WHERE user_id = ?", userId);
    }
}
