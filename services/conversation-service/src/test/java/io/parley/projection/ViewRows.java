package io.parley.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Every view row of one conversation as text, in a fixed order: two equal snapshots are equal tables. */
final class ViewRows {
    private ViewRows() {
    }

    static List<String> of(Connection connection, String conversationId) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(table(connection, "SELECT * FROM conversation_view WHERE conversation_id = ?", conversationId));
        rows.addAll(table(connection, "SELECT * FROM participant_view WHERE conversation_id = ? ORDER BY user_id",
                conversationId));
        rows.addAll(table(connection, "SELECT * FROM message_view WHERE conversation_id = ? ORDER BY sequence",
                conversationId));
        // change cursors depend on how events fell into batches; the rows and the order they give do not
        rows.addAll(table(connection, "SELECT user_id, last_activity_sequence, last_activity_millis FROM inbox_view "
                + "WHERE conversation_id = ? ORDER BY user_id", conversationId));
        return rows;
    }

    /** Every user view row of one user, in a fixed order. */
    static List<String> ofUser(Connection connection, String userId) throws SQLException {
        List<String> rows = new ArrayList<>();
        rows.addAll(table(connection, "SELECT * FROM user_view WHERE user_id = ?", userId));
        rows.addAll(table(connection, "SELECT * FROM user_subscription_view WHERE user_id = ? "
                + "ORDER BY subscribed_user_id", userId));
        rows.addAll(table(connection, "SELECT * FROM user_conversation_view WHERE user_id = ? ORDER BY conversation_id",
                userId));
        rows.addAll(table(connection, "SELECT * FROM hidden_message_view WHERE user_id = ? "
                + "ORDER BY conversation_id, message_id", userId));
        rows.addAll(table(connection, "SELECT * FROM favourite_view WHERE user_id = ? "
                + "ORDER BY conversation_id, message_id", userId));
        return rows;
    }

    private static List<String> table(Connection connection, String sql, String conversationId) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, conversationId);
            try (ResultSet result = select.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.append(columns.getColumnName(i).toLowerCase()).append("=").append(String.valueOf(result.getObject(i)))
                                .append(';');
                    }
                    rows.add(row.toString());
                }
            }
        }
        return rows;
    }
}
