package io.parley.write;

import io.parley.persistence.JdbcTransactions;
import io.parley.conversation.model.StoredMessage;
import io.parley.persistence.Sql;
import io.parley.user.event.ConversationCleared;
import io.parley.user.event.MessagesHidden;
import io.parley.user.model.HiddenMessage;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each user cleared or deleted for themselves, kept for the command side by the {@value
 * CommandSideIndex#PROCESSOR} processor in the transaction that appends their event: the unread count a read-state
 * command answers with leaves those messages out (API.md: unread ignores cleared and hidden messages), exact at
 * once, like every other count.
 */
@Singleton
@ProcessingGroup(CommandSideIndex.PROCESSOR)
public class PrivateIndex {
    private final JdbcTransactions transactions;

    PrivateIndex(JdbcTransactions transactions) {
        this.transactions = transactions;
    }

    /** What not to count for one user in one conversation: messages sent up to {@code clearedUpTo}, and those ids. */
    public record Excluded(long clearedUpTo, Set<String> hiddenAbove) {
    }

    @EventHandler
    void on(ConversationCleared event) throws SQLException {
        try (Connection connection = transactions.getConnection()) {
            Sql.update(connection, """
                    MERGE INTO private_clear_index t
                    USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS VARCHAR(255)), CAST(? AS BIGINT)))
                        AS s(user_id, conversation_id, cleared_up_to)
                    ON t.user_id = s.user_id AND t.conversation_id = s.conversation_id
                    WHEN MATCHED THEN UPDATE SET cleared_up_to = GREATEST(t.cleared_up_to, s.cleared_up_to)
                    WHEN NOT MATCHED THEN INSERT (user_id, conversation_id, cleared_up_to)
                        VALUES (s.user_id, s.conversation_id, s.cleared_up_to)""",
                    event.userId(), event.conversationId(), event.upToSequence());
        }
    }

    @EventHandler
    void on(MessagesHidden event) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (HiddenMessage message : event.messages()) {
            rows.add(new Object[] {event.userId(), event.conversationId(), message.messageId(), message.sequence(),
                    event.userId(), event.conversationId(), message.messageId()});
        }
        try (Connection connection = transactions.getConnection()) {
            Sql.updateAll(connection, "INSERT INTO private_hidden_index (user_id, conversation_id, message_id, sequence) "
                    + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM private_hidden_index WHERE user_id = ? AND "
                    + "conversation_id = ? AND message_id = ?)", rows);
        }
    }

    /** Whether the user cleared the message or deleted it for themselves. */
    public boolean hides(String userId, StoredMessage message) {
        try (Connection connection = transactions.getConnection()) {
            return Sql.query(connection, "SELECT 1 FROM private_clear_index WHERE user_id = ? AND conversation_id = ? "
                    + "AND cleared_up_to >= ? UNION ALL SELECT 1 FROM private_hidden_index WHERE user_id = ? AND "
                    + "conversation_id = ? AND message_id = ?", rows -> rows.next(), userId, message.conversationId(),
                    message.sequence(), userId, message.conversationId(), message.messageId());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read what " + userId + " hid in " + message.conversationId(), e);
        }
    }

    /** What the user cleared in the conversation, and the messages above {@code horizon} they deleted for themselves. */
    public Excluded excluded(String userId, String conversationId, long horizon) {
        try (Connection connection = transactions.getConnection()) {
            long cleared = Sql.query(connection, "SELECT cleared_up_to FROM private_clear_index WHERE user_id = ? AND "
                    + "conversation_id = ?", rows -> rows.next() ? rows.getLong(1) : 0L, userId, conversationId);
            Set<String> hidden = Sql.query(connection, "SELECT message_id FROM private_hidden_index WHERE user_id = ? "
                    + "AND conversation_id = ? AND sequence > ?", rows -> {
                Set<String> ids = new HashSet<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }, userId, conversationId, Math.max(horizon, cleared));
            return new Excluded(cleared, hidden);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read what " + userId + " hid in " + conversationId, e);
        }
    }
}
