package io.parley.read.visibility;

import io.parley.events.user.ConversationCleared;
import io.parley.events.user.ConversationDropped;
import io.parley.events.user.ConversationSettingsChanged;
import io.parley.events.user.HiddenMessage;
import io.parley.events.user.MessagesHidden;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one user's private view of their conversations from their published events: {@code
 * user_conversation_view} (archived, notification level, cleared and dropped sequences) and {@code
 * hidden_message_view} (deleted for them). Each change also moves the change cursor of the user's inbox row of
 * that conversation, so that {@code /v1/sync} lists the conversation again with its new state.
 */
public final class PrivateViewWriter {
    private static final String ENSURE_ROW = """
            MERGE INTO user_conversation_view t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)))) AS s(user_id, conversation_id)
            ON t.user_id = s.user_id AND t.conversation_id = s.conversation_id
            WHEN NOT MATCHED THEN INSERT (user_id, conversation_id) VALUES (s.user_id, s.conversation_id)""";
    private final Connection connection;

    public PrivateViewWriter(Connection connection) {
        this.connection = connection;
    }

    public void apply(String userId, ConversationSettingsChanged settings) throws SQLException {
        String conversationId = settings.getConversationId();
        Sql.update(connection, ENSURE_ROW, userId, conversationId);
        if (settings.getArchived() != null) {
            update(userId, conversationId, "archived = ?", settings.getArchived());
        }
        if (settings.getNotificationLevel() != null) {
            update(userId, conversationId, "notification_level = ?", settings.getNotificationLevel());
        }
        changed(userId, conversationId);
    }

    public void apply(String userId, ConversationCleared cleared) throws SQLException {
        Sql.update(connection, ENSURE_ROW, userId, cleared.getConversationId());
        update(userId, cleared.getConversationId(), "cleared_up_to = GREATEST(cleared_up_to, ?)",
                cleared.getUpToSequence());
        changed(userId, cleared.getConversationId());
    }

    public void apply(String userId, ConversationDropped dropped) throws SQLException {
        Sql.update(connection, ENSURE_ROW, userId, dropped.getConversationId());
        update(userId, dropped.getConversationId(), "dropped_up_to = ?", dropped.getUpToSequence());
        changed(userId, dropped.getConversationId());
    }

    public void apply(String userId, MessagesHidden hidden) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (HiddenMessage message : hidden.getMessages()) {
            rows.add(new Object[] {userId, hidden.getConversationId(), message.getMessageId(), message.getSequence(),
                    userId, hidden.getConversationId(), message.getMessageId()});
        }
        Sql.updateAll(connection, "INSERT INTO hidden_message_view (user_id, conversation_id, message_id, sequence) "
                + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM hidden_message_view WHERE user_id = ? AND "
                + "conversation_id = ? AND message_id = ?)", rows);
        changed(userId, hidden.getConversationId());
    }

    private void update(String userId, String conversationId, String assignment, Object value) throws SQLException {
        Sql.update(connection, "UPDATE user_conversation_view SET " + assignment
                + " WHERE user_id = ? AND conversation_id = ?", value, userId, conversationId);
    }

    private void changed(String userId, String conversationId) throws SQLException {
        Sql.update(connection, "UPDATE inbox_view SET change_cursor = nextval('inbox_change_cursor') "
                + "WHERE user_id = ? AND conversation_id = ?", userId, conversationId);
    }
}
