package io.parley.relay;

import io.parley.persistence.JdbcTransactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sequence the relay has sent to Kafka per conversation. The in-memory view includes what
 * was sent but not yet stored (it is what keeps Kafka in order); {@code relay_position} holds what
 * was acknowledged and stored with the relay's token. Not thread-safe: used under the relay's lock.
 */
final class RelayPositions {
    /** Conversations whose position is kept in memory; the rest is read from the table when needed. */
    private static final int CACHED = 100_000;
    private static final String SELECT = "SELECT published_sequence FROM relay_position WHERE conversation_id = ?";
    private static final String UPSERT = """
            MERGE INTO relay_position t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT))) AS s(conversation_id, published_sequence)
            ON t.conversation_id = s.conversation_id
            WHEN MATCHED THEN UPDATE SET published_sequence = GREATEST(t.published_sequence, s.published_sequence)
            WHEN NOT MATCHED THEN INSERT (conversation_id, published_sequence)
                VALUES (s.conversation_id, s.published_sequence)""";

    private final JdbcTransactions transactions;
    private final LinkedHashMap<String, Long> sent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            // Evicting a position not yet stored is safe: it is read back lower and republished, in order.
            return size() > CACHED;
        }
    };

    RelayPositions(JdbcTransactions transactions) {
        this.transactions = transactions;
    }

    /** The last sequence sent for the conversation, 0 if none. */
    long lastSent(String conversationId) {
        Long cached = sent.get(conversationId);
        if (cached != null) {
            return cached;
        }
        long stored = stored(conversationId);
        sent.put(conversationId, stored);
        return stored;
    }

    void markSent(String conversationId, long sequence) {
        sent.put(conversationId, sequence);
    }

    /** Store the positions of these conversations in the current transaction. */
    void store(Map<String, Long> positions) {
        if (positions.isEmpty()) {
            return;
        }
        try (Connection connection = transactions.getConnection();
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (Map.Entry<String, Long> position : positions.entrySet()) {
                upsert.setString(1, position.getKey());
                upsert.setLong(2, position.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store relay positions", e);
        }
    }

    /** Forget what was sent but may not be stored: it is read back from the table next time. */
    void forget(Iterable<String> conversationIds) {
        conversationIds.forEach(sent::remove);
    }

    void forgetAll() {
        sent.clear();
    }

    private long stored(String conversationId) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, conversationId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the relay position of " + conversationId, e);
        }
    }
}
