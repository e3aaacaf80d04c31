package io.parley.view;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.JsonText;
import io.parley.metrics.UnreadableRecords;
import io.parley.persistence.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Queries over the projected view tables; every answer carries the sequence it is exact at. */
@Singleton
public class ConversationViews {
    private final Database database;
    private final JsonText json;
    private final UnreadableRecords unreadable;

    ConversationViews(Database database, JsonText json, UnreadableRecords unreadable) {
        this.database = database;
        this.json = json;
        this.unreadable = unreadable;
    }

    @Serdeable
    public record Conversation(String id, String title, boolean direct, boolean publicJoin, String uniqueName,
                               Object customData, String historyVisibility, Instant createdAt, String createdBy,
                               long lastSequence, Instant lastUpdate, int participantCount, long messageCount,
                               String lastMessageId, boolean deleted, long asOfSequence) {
    }

    @Serdeable
    public record Participant(String userId, Map<String, Object> permissions, Instant joinedAt, long joinedSequence,
                              Long leftSequence, long lastReadSequence, long lastDeliveredSequence) {
    }

    /** An item of a conversation's history: a {@link Message}, or an {@link UnreadableMessage} in its place. */
    public sealed interface HistoryItem permits Message, UnreadableMessage {
        String messageId();

        long sequence();

        String author();
    }

    @Serdeable
    public record Message(String messageId, long sequence, String author, String text, Object payload,
                          Object attributes, Object media, String replyTo, Object mentions, Object forwardedFrom,
                          Instant sentAt, Instant editedAt, boolean removed) implements HistoryItem {
    }

    /** A message whose stored row cannot be rendered: who sent it and when, and {@code error}. */
    @Serdeable
    public record UnreadableMessage(String messageId, long sequence, String author, Instant sentAt, String error)
            implements HistoryItem {
    }

    public Optional<Conversation> conversation(String id) {
        return query("SELECT * FROM conversation_view WHERE conversation_id = ?",
                rows -> rows.next() ? Optional.of(conversation(rows)) : Optional.empty(), id);
    }

    /** Public conversations (not deleted) after {@code afterId} in id order, at most {@code limit}. */
    public List<Conversation> publicConversations(String afterId, int limit) {
        return query("SELECT * FROM conversation_view WHERE public_join = TRUE AND deleted = FALSE AND conversation_id > ? "
                + "ORDER BY conversation_id LIMIT " + limit, rows -> {
            List<Conversation> conversations = new ArrayList<>();
            while (rows.next()) {
                conversations.add(conversation(rows));
            }
            return conversations;
        }, afterId);
    }

    private Conversation conversation(ResultSet rows) throws SQLException {
        String id = rows.getString("conversation_id");
        return new Conversation(id, rows.getString("title"), rows.getBoolean("direct"),
                rows.getBoolean("public_join"), rows.getString("unique_name"), json.read(rows.getString("custom_data")),
                rows.getString("history_visibility"), Instant.ofEpochMilli(rows.getLong("created_at_millis")),
                rows.getString("created_by"), rows.getLong("last_sequence"),
                Instant.ofEpochMilli(rows.getLong("last_update_millis")), rows.getInt("participant_count"),
                rows.getLong("message_count"), rows.getString("last_message_id"), rows.getBoolean("deleted"),
                rows.getLong("last_sequence"));
    }

    public List<Participant> participants(String id) {
        return query("SELECT * FROM participant_view WHERE conversation_id = ? AND active = TRUE ORDER BY "
                + "joined_sequence, user_id", rows -> {
            List<Participant> participants = new ArrayList<>();
            while (rows.next()) {
                participants.add(participant(rows));
            }
            return participants;
        }, id);
    }

    public Optional<Participant> participant(String id, String userId) {
        return query("SELECT * FROM participant_view WHERE conversation_id = ? AND user_id = ?",
                rows -> rows.next() ? Optional.of(participant(rows)) : Optional.empty(), id, userId);
    }

    @SuppressWarnings("unchecked")
    private Participant participant(ResultSet rows) throws SQLException {
        long left = rows.getLong("left_sequence");
        return new Participant(rows.getString("user_id"), (Map<String, Object>) json.read(rows.getString("permissions")),
                Instant.ofEpochMilli(rows.getLong("joined_at_millis")), rows.getLong("joined_sequence"),
                rows.wasNull() || rows.getBoolean("active") ? null : left, rows.getLong("read_sequence"),
                rows.getLong("delivered_sequence"));
    }

    /** Messages with sequence in {@code [from, to]}, newest first when {@code backwards}, at most {@code limit}. */
    public List<HistoryItem> messages(String id, long from, long to, boolean backwards, int limit) {
        String order = backwards ? "DESC" : "ASC";
        return query("SELECT * FROM message_view WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? "
                + "ORDER BY sequence " + order + " LIMIT " + limit, rows -> {
            List<HistoryItem> messages = new ArrayList<>();
            while (rows.next()) {
                messages.add(message(rows));
            }
            return messages;
        }, id, from, to);
    }

    public Optional<HistoryItem> message(String id, String messageId) {
        return query("SELECT * FROM message_view WHERE conversation_id = ? AND message_id = ?",
                rows -> rows.next() ? Optional.of(message(rows)) : Optional.empty(), id, messageId);
    }

    /** The row as a message; if a value in it does not read back, as an unreadable item (logged and counted). */
    private HistoryItem message(ResultSet rows) throws SQLException {
        try {
            return readableMessage(rows);
        } catch (RuntimeException e) {
            String conversationId = rows.getString("conversation_id");
            long sequence = rows.getLong("sequence");
            unreadable.report(UnreadableRecords.MESSAGES, conversationId, sequence, e);
            return new UnreadableMessage(rows.getString("message_id"), sequence, rows.getString("author"),
                    Instant.ofEpochMilli(rows.getLong("sent_at_millis")), UnreadableRecords.ERROR);
        }
    }

    private Message readableMessage(ResultSet rows) throws SQLException {
        boolean removed = rows.getBoolean("removed");
        long edited = rows.getLong("edited_at_millis");
        Instant editedAt = rows.wasNull() ? null : Instant.ofEpochMilli(edited);
        // a removed message stays in the history as a tombstone: who and when, not what
        return new Message(rows.getString("message_id"), rows.getLong("sequence"), rows.getString("author"),
                removed ? null : rows.getString("text"), removed ? null : json.read(rows.getString("payload")),
                removed ? null : json.read(rows.getString("attributes")),
                removed ? List.of() : json.read(rows.getString("media")), rows.getString("reply_to"),
                removed ? List.of() : json.read(rows.getString("mentions")),
                removed ? null : json.read(rows.getString("forwarded_from")),
                Instant.ofEpochMilli(rows.getLong("sent_at_millis")), editedAt, removed);
    }

    /** Messages of others, not removed, above the horizon and up to {@code upTo}. */
    public long unreadCount(String id, String userId, long horizon, long upTo) {
        return query("SELECT COUNT(*) FROM message_view WHERE conversation_id = ? AND sequence > ? AND sequence <= ? "
                + "AND author <> ? AND removed = FALSE", rows -> {
            rows.next();
            return rows.getLong(1);
        }, id, horizon, upTo, userId);
    }

    /** Messages not removed with sequence in {@code [from, to]}. */
    public long messageCount(String id, long from, long to) {
        return query("SELECT COUNT(*) FROM message_view WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? "
                + "AND removed = FALSE", rows -> {
            rows.next();
            return rows.getLong(1);
        }, id, from, to);
    }

    /** The last message sent (removed or not, as {@code lastMessageId}) with sequence in {@code [from, to]}. */
    public Optional<String> lastMessageId(String id, long from, long to) {
        return query("SELECT message_id FROM message_view WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? "
                + "ORDER BY sequence DESC LIMIT 1",
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty(), id, from, to);
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private <T> T query(String sql, Rows<T> reader, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("view query failed", e);
        }
    }
}
