package io.parley.view;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.persistence.Database;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A user's conversations: the inbox by last activity, and what changed since a sync cursor. */
@Singleton
public class InboxViews {
    private final Database database;
    private final ConversationViews conversations;

    InboxViews(Database database, ConversationViews conversations) {
        this.database = database;
        this.conversations = conversations;
    }

    @Serdeable
    public record Entry(String id, String title, boolean direct, long lastSequence, long unreadCount,
                        ConversationViews.HistoryItem lastMessage, Instant lastActivity, boolean archived,
                        String notificationLevel, boolean participant) {
    }

    /** A page of entries, and where the next one starts ({@code null} when there is none). */
    public record Page(List<Entry> entries, long lastActivityMillis, String lastConversationId, long lastCursor,
                       boolean hasMore) {
    }

    /** The conversations the user is in, most recent activity first, after the given position. */
    public Page inbox(String userId, long beforeMillis, String beforeId, int limit) {
        return page(userId, "SELECT i.*, c.title, c.direct, c.last_sequence, c.last_message_id, p.active, "
                + "p.read_sequence FROM inbox_view i JOIN conversation_view c ON c.conversation_id = i.conversation_id "
                + "JOIN participant_view p ON p.conversation_id = i.conversation_id AND p.user_id = i.user_id "
                + "WHERE i.user_id = ? AND p.active = TRUE AND (i.last_activity_millis < ? OR "
                + "(i.last_activity_millis = ? AND i.conversation_id < ?)) "
                + "ORDER BY i.last_activity_millis DESC, i.conversation_id DESC LIMIT " + (limit + 1), limit,
                userId, beforeMillis, beforeMillis, beforeId);
    }

    /** Every conversation of the user (also one they left) changed after {@code cursor}, oldest change first. */
    public Page changedSince(String userId, long cursor, int limit) {
        return page(userId, "SELECT i.*, c.title, c.direct, c.last_sequence, c.last_message_id, p.active, "
                + "p.read_sequence FROM inbox_view i JOIN conversation_view c ON c.conversation_id = i.conversation_id "
                + "JOIN participant_view p ON p.conversation_id = i.conversation_id AND p.user_id = i.user_id "
                + "WHERE i.user_id = ? AND i.change_cursor > ? ORDER BY i.change_cursor LIMIT " + (limit + 1), limit,
                userId, cursor);
    }

    /** The highest change cursor the views have handed to this user (0 if none). */
    public long lastCursor(String userId) {
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT COALESCE(MAX(change_cursor), 0) FROM inbox_view WHERE user_id = ?")) {
            select.setString(1, userId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox query failed", e);
        }
    }

    private Page page(String userId, String sql, int limit, Object... parameters) {
        List<Entry> entries = new ArrayList<>();
        long lastMillis = 0;
        String lastId = null;
        long lastCursor = 0;
        boolean more = false;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (entries.size() == limit) {
                        more = true;
                        break;
                    }
                    String id = rows.getString("conversation_id");
                    boolean active = rows.getBoolean("active");
                    long last = rows.getLong("last_sequence");
                    String lastMessageId = rows.getString("last_message_id");
                    entries.add(new Entry(id, rows.getString("title"), rows.getBoolean("direct"), last,
                            active ? conversations.unreadCount(id, userId, rows.getLong("read_sequence"), last) : 0,
                            lastMessageId == null ? null : conversations.message(id, lastMessageId).orElse(null),
                            Instant.ofEpochMilli(rows.getLong("last_activity_millis")), false, "default", active));
                    lastMillis = rows.getLong("last_activity_millis");
                    lastId = id;
                    lastCursor = rows.getLong("change_cursor");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox query failed", e);
        }
        return new Page(entries, lastMillis, lastId, lastCursor, more);
    }
}
