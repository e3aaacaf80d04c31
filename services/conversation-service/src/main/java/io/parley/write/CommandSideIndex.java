package io.parley.write;

import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.MessageDirectory;
import io.parley.conversation.Rejection;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.StoredMessage;
import io.parley.persistence.JdbcTransactions;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The command side's lookup tables (messages by id, unique names, direct pairs), kept by a subscribing
 * processor in the transaction that appends the events. A unique name or direct pair taken by a
 * concurrent create fails that transaction, so the loser's events are never stored.
 */
@Singleton
@ProcessingGroup(CommandSideIndex.PROCESSOR)
public class CommandSideIndex implements MessageDirectory {
    public static final String PROCESSOR = "command-index";
    private static final String UNIQUE_VIOLATION = "23505";
    private final JdbcTransactions transactions;

    CommandSideIndex(JdbcTransactions transactions) {
        this.transactions = transactions;
    }

    @EventHandler
    void on(ConversationCreated event) {
        if (event.uniqueName() != null) {
            claimName(event.conversationId(), event.uniqueName());
        }
        if (event.kind() == ConversationKind.DIRECT) {
            List<String> pair = event.participants().stream().map(ParticipantSpec::userId).sorted().toList();
            try {
                update("INSERT INTO direct_pair (first_user, second_user, conversation_id) VALUES (?, ?, ?)",
                        pair.get(0), pair.get(1), event.conversationId());
            } catch (UniqueViolation e) {
                throw new DirectPairTaken(pair.get(0), pair.get(1));
            }
        }
    }

    @EventHandler
    void on(ConversationEdited event) {
        if (event.uniqueName() != null || event.clearedFields().contains("uniqueName")) {
            update("DELETE FROM conversation_name WHERE conversation_id = ?", event.conversationId());
        }
        if (event.uniqueName() != null) {
            claimName(event.conversationId(), event.uniqueName());
        }
    }

    @EventHandler
    void on(ConversationDeleted event) {
        update("DELETE FROM conversation_name WHERE conversation_id = ?", event.conversationId());
        update("DELETE FROM direct_pair WHERE conversation_id = ?", event.conversationId());
    }

    @EventHandler
    void on(MessageSent event, @SequenceNumber long axonSequence, @Timestamp Instant occurredAt) {
        update("INSERT INTO message_index (conversation_id, message_id, sequence, author, sent_at_millis) "
                        + "VALUES (?, ?, ?, ?, ?)", event.conversationId(), event.messageId(),
                ConversationSequence.fromAxon(axonSequence), event.actor(), occurredAt.toEpochMilli());
    }

    @EventHandler
    void on(MessageRemoved event) {
        update("UPDATE message_index SET removed = TRUE WHERE conversation_id = ? AND message_id = ?",
                event.conversationId(), event.messageId());
    }

    private void claimName(String conversationId, String uniqueName) {
        try {
            update("INSERT INTO conversation_name (unique_name, conversation_id) VALUES (?, ?)", uniqueName,
                    conversationId);
        } catch (UniqueViolation e) {
            throw new UniqueNameTaken(uniqueName);
        }
    }

    @Override
    public Optional<StoredMessage> find(String conversationId, String messageId) {
        String sql = "SELECT sequence, author, sent_at_millis, removed FROM message_index "
                + "WHERE conversation_id = ? AND message_id = ?";
        try (Connection connection = transactions.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, conversationId);
            select.setString(2, messageId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredMessage(conversationId, messageId, rows.getLong(1), rows.getString(2),
                        Instant.ofEpochMilli(rows.getLong(3)), rows.getBoolean(4)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up message " + messageId, e);
        }
    }

    /** The direct conversation of two users, if there is one. */
    public Optional<String> directConversationOf(String oneUser, String otherUser) {
        List<String> pair = List.of(oneUser, otherUser).stream().sorted().toList();
        return queryString("SELECT conversation_id FROM direct_pair WHERE first_user = ? AND second_user = ?",
                pair.get(0), pair.get(1));
    }

    /** The conversation holding a unique name, if any. */
    public Optional<String> conversationNamed(String uniqueName) {
        return queryString("SELECT conversation_id FROM conversation_name WHERE unique_name = ?", uniqueName);
    }

    private Optional<String> queryString(String sql, String... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("command-side index query failed", e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new UniqueViolation(e);
            }
            throw new IllegalStateException("command-side index update failed", e);
        }
    }

    private static final class UniqueViolation extends RuntimeException {
        UniqueViolation(SQLException cause) {
            super(cause);
        }
    }

    /** Another conversation holds this unique name: the create or edit is refused as a conflict. */
    public static final class UniqueNameTaken extends ConversationRejectedException {
        public UniqueNameTaken(String uniqueName) {
            super(Rejection.CONFLICT, "uniqueName " + uniqueName + " is already taken");
        }
    }

    /** The two users already have a direct conversation: the caller is given that one. */
    public static final class DirectPairTaken extends RuntimeException {
        public DirectPairTaken(String firstUser, String secondUser) {
            super("users " + firstUser + " and " + secondUser + " already have a direct conversation", null, false,
                    false);
        }
    }
}
