package io.parley.write;

import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.MessageDirectory;
import io.parley.conversation.Rejection;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.StoredMessage;
import io.parley.persistence.JdbcTransactions;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The command side's lookup tables (messages by id, unique names, direct pairs), kept by a subscribing
 * processor in the transaction that appends the events. A unique name or direct pair taken by a
 * concurrent create fails that transaction, so the loser's events are never stored.
 * <p>
 * Round trips are what a command costs most on the database side, so a batch of sends asks for all the
 * ids it names in one query ({@link #lookUpAhead}) and the messages a unit of work sent are inserted as
 * one JDBC batch when it prepares to commit. Any other statement of the index first writes the pending
 * messages, so statements reach the database in the order of the events.
 */
@Singleton
@ProcessingGroup(CommandSideIndex.PROCESSOR)
public class CommandSideIndex implements MessageDirectory {
    public static final String PROCESSOR = "command-index";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOOKED_UP = CommandSideIndex.class.getName() + ".lookedUp";
    private static final String PENDING_INSERTS = CommandSideIndex.class.getName() + ".pendingInserts";
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
        StoredMessage message = new StoredMessage(event.conversationId(), event.messageId(),
                ConversationSequence.fromAxon(axonSequence), event.actor(), occurredAt, false);
        pendingInserts().add(message);
        Map<MessageKey, Optional<StoredMessage>> known = lookedUp();
        if (known != null) {
            known.put(MessageKey.of(message), Optional.of(message));
        }
    }

    @EventHandler
    void on(MessageRemoved event) {
        update("UPDATE message_index SET removed = TRUE WHERE conversation_id = ? AND message_id = ?",
                event.conversationId(), event.messageId());
        Map<MessageKey, Optional<StoredMessage>> known = lookedUp();
        if (known != null) {
            known.remove(new MessageKey(event.conversationId(), event.messageId()));
        }
    }

    /**
     * In a unit of work about to send {@code sends}: finds in one query the messages they name (their own
     * ids, for retries, and the messages they reply to), so that {@link #find} answers those from memory
     * until the unit of work ends.
     */
    public void lookUpAhead(List<SendMessage> sends) {
        Set<MessageKey> keys = new LinkedHashSet<>();
        for (SendMessage send : sends) {
            if (send.messageId() != null) {
                keys.add(new MessageKey(send.conversationId(), send.messageId()));
            }
            if (send.replyTo() != null) {
                keys.add(new MessageKey(send.conversationId(), send.replyTo()));
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        Map<MessageKey, Optional<StoredMessage>> known = new HashMap<>();
        keys.forEach(key -> known.put(key, Optional.empty()));
        Object[] parameters = keys.stream().flatMap(key -> Stream.of(key.conversationId(), key.messageId())).toArray();
        try (Connection connection = transactions.getConnection()) {
            Sql.query(connection, "SELECT conversation_id, message_id, sequence, author, sent_at_millis, removed "
                    + "FROM message_index WHERE (conversation_id, message_id) IN ("
                    + String.join(", ", Collections.nCopies(keys.size(), "(?, ?)")) + ")", rows -> {
                while (rows.next()) {
                    StoredMessage message = new StoredMessage(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getString(4), Instant.ofEpochMilli(rows.getLong(5)), rows.getBoolean(6));
                    known.put(MessageKey.of(message), Optional.of(message));
                }
                return null;
            }, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the messages of a batch", e);
        }
        CurrentUnitOfWork.get().root().resources().put(LOOKED_UP, known);
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
        Map<MessageKey, Optional<StoredMessage>> known = lookedUp();
        Optional<StoredMessage> lookedUp = known == null ? null : known.get(new MessageKey(conversationId, messageId));
        if (lookedUp != null) {
            return lookedUp;
        }
        writePendingInserts();
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
        writePendingInserts();
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

    private record MessageKey(String conversationId, String messageId) {
        static MessageKey of(StoredMessage message) {
            return new MessageKey(message.conversationId(), message.messageId());
        }
    }

    /** What {@link #lookUpAhead} found for the current unit of work, or null. */
    @SuppressWarnings("unchecked")
    private static Map<MessageKey, Optional<StoredMessage>> lookedUp() {
        return CurrentUnitOfWork.isStarted()
                ? (Map<MessageKey, Optional<StoredMessage>>) CurrentUnitOfWork.get().root().getResource(LOOKED_UP)
                : null;
    }

    /** Messages sent in the current unit of work, inserted together when it prepares to commit. */
    private List<StoredMessage> pendingInserts() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING_INSERTS, key -> {
            unitOfWork.onPrepareCommit(this::writePendingInserts);
            return new ArrayList<>();
        });
    }

    private void writePendingInserts() {
        if (CurrentUnitOfWork.isStarted()) {
            writePendingInserts(CurrentUnitOfWork.get());
        }
    }

    private void writePendingInserts(UnitOfWork<?> unitOfWork) {
        List<StoredMessage> pending = unitOfWork.getResource(PENDING_INSERTS);
        if (pending == null || pending.isEmpty()) {
            return;
        }
        List<Object[]> rows = pending.stream().map(message -> new Object[]{message.conversationId(),
                message.messageId(), message.sequence(), message.author(), message.sentAt().toEpochMilli()}).toList();
        try (Connection connection = transactions.getConnection()) {
            Sql.updateAll(connection, "INSERT INTO message_index (conversation_id, message_id, sequence, author, "
                    + "sent_at_millis) VALUES (?, ?, ?, ?, ?)", rows);
            pending.clear();
        } catch (SQLException e) {
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
