package io.parley.read.inbox;

import io.parley.read.conversation.CallerViews;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.model.ReadableRange;
import io.parley.read.history.HistoryAsSeen;
import io.parley.read.history.MessageQueries;
import io.parley.read.visibility.PrivateMask;
import io.parley.read.visibility.ReaderRanges;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A user's conversations: the inbox by last activity, and what changed since a sync cursor. */
@Singleton
public class InboxViews {
    private final Database database;
    private final MessageQueries messages;
    private final HistoryAsSeen history;
    private final CallerViews seen;

    InboxViews(Database database, MessageQueries messages, HistoryAsSeen history, CallerViews seen) {
        this.database = database;
        this.messages = messages;
        this.history = history;
        this.seen = seen;
    }

    @Serdeable
    @Schema(name = "InboxEntry", description = "A conversation of the caller, as /v1/sync and the inbox list it")
    public record Entry(String id, @Nullable @Schema(requiredMode = REQUIRED) String title, boolean direct,
                        long lastSequence, long unreadCount,
                        @Nullable @Schema(requiredMode = REQUIRED) MessageQueries.HistoryItem lastMessage,
                        Instant lastActivity, boolean archived,
                        String notificationLevel, boolean participant) {
    }

    /** A page of entries, and where the next one starts ({@code null} when there is none). */
    public record Page(List<Entry> entries, long lastActivityMillis, String lastConversationId, long lastCursor,
                       boolean hasMore) {
    }

    /** What an entry needs of the conversation, of the user's participation in it and of their own settings. */
    private static final String FROM = "SELECT i.*, c.title, c.direct, c.last_sequence, c.last_message_id, "
            + "c.history_visibility, c.public_join, p.active, p.joined_sequence, p.left_sequence, p.read_sequence, "
            + "COALESCE(s.archived, FALSE) AS archived, COALESCE(s.notification_level, 'default') AS notification_level, "
            + "COALESCE(s.cleared_up_to, 0) AS cleared_up_to, COALESCE(s.dropped_up_to, 0) AS dropped_up_to "
            + "FROM inbox_view i JOIN conversation_view c ON c.conversation_id = i.conversation_id "
            + "JOIN participant_view p ON p.conversation_id = i.conversation_id AND p.user_id = i.user_id "
            + "LEFT JOIN user_conversation_view s ON s.user_id = i.user_id AND s.conversation_id = i.conversation_id ";

    /**
     * The conversations the user is in, most recent activity first, after the given position; not those they
     * dropped from the list (until a message after the drop); {@code archived} null: archived or not.
     */
    public Page inbox(String userId, long beforeMillis, String beforeId, Boolean archived, int limit) {
        String archivedFilter = archived == null ? "" : " AND COALESCE(s.archived, FALSE) = " + archived;
        return page(userId, FROM + "WHERE i.user_id = ? AND p.active = TRUE AND (i.last_activity_millis < ? OR "
                + "(i.last_activity_millis = ? AND i.conversation_id < ?)) "
                + "AND i.last_activity_sequence > COALESCE(s.dropped_up_to, 0)" + archivedFilter
                + " ORDER BY i.last_activity_millis DESC, i.conversation_id DESC LIMIT " + (limit + 1), limit,
                userId, beforeMillis, beforeMillis, beforeId);
    }

    /** Every conversation of the user (also one they left) changed after {@code cursor}, oldest change first. */
    public Page changedSince(String userId, long cursor, int limit) {
        return page(userId, FROM + "WHERE i.user_id = ? AND i.change_cursor > ? ORDER BY i.change_cursor LIMIT "
                + (limit + 1), limit, userId, cursor);
    }

    private Page page(String userId, String sql, int limit, Object... parameters) {
        List<Entry> entries = new ArrayList<>();
        Rows last = rows(sql, limit, (rows, id, readable) -> entries.add(entry(rows, id, userId, readable)),
                parameters);
        return new Page(entries, last.activityMillis(), last.conversationId(), last.cursor(), last.more());
    }

    /**
     * Where a stream resumed by a sync cursor starts one conversation of the user: from {@code lastSequence}, the one
     * the user's sync at that cursor reported (or, when the entry changed since, the one in {@code changed}, which the
     * client has not seen yet).
     */
    public record ResumePoint(String conversationId, long lastSequence, Entry changed) {
    }

    /** A page of resume points, and the change cursor to ask the next page after. */
    public record ResumePage(List<ResumePoint> points, long lastCursor, boolean hasMore) {
    }

    /**
     * Every conversation of the user the user may read on, in change order after {@code afterCursor}: those changed
     * after {@code syncedCursor} with their entry, the others with their last sequence only. Conversations a
     * former participant left are not in it (nothing more of them is theirs).
     */
    public ResumePage resumePoints(String userId, long afterCursor, long syncedCursor, int limit) {
        List<ResumePoint> points = new ArrayList<>();
        Rows last = rows(FROM + "WHERE i.user_id = ? AND i.change_cursor > ? ORDER BY i.change_cursor LIMIT "
                + (limit + 1), limit, (rows, id, readable) -> {
            if (readable.ended()) {
                return;
            }
            if (rows.getLong("change_cursor") > syncedCursor) {
                Entry entry = entry(rows, id, userId, readable);
                points.add(new ResumePoint(id, entry.lastSequence(), entry));
            } else {
                points.add(new ResumePoint(id, rows.getLong("last_sequence"), null));
            }
        }, userId, afterCursor);
        return new ResumePage(points, last.cursor(), last.more());
    }

    /** Whether the views have the user's entry of the conversation (also one they left). */
    public boolean has(String userId, String conversationId) {
        return Sql.query(database.dataSource(), "SELECT 1 FROM inbox_view WHERE user_id = ? AND conversation_id = ?",
                ResultSet::next, userId, conversationId);
    }

    /** What one row of {@link #FROM} gives a page, for a row the user may read. */
    private interface RowReader {
        void read(ResultSet rows, String conversationId, ReadableRange readable) throws SQLException;
    }

    /** Where a page of rows ended, and whether more follow. */
    private record Rows(long activityMillis, String conversationId, long cursor, boolean more) {
    }

    private Rows rows(String sql, int limit, RowReader reader, Object... parameters) {
        int read = 0;
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
                    if (read++ == limit) {
                        more = true;
                        break;
                    }
                    String id = rows.getString("conversation_id");
                    Optional<ReadableRange> readable = ReaderRanges.readableRange(rows);
                    if (readable.isPresent()) {
                        reader.read(rows, id, readable.get());
                    }
                    lastMillis = rows.getLong("last_activity_millis");
                    lastId = id;
                    lastCursor = rows.getLong("change_cursor");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inbox query failed", e);
        }
        return new Rows(lastMillis, lastId, lastCursor, more);
    }

    /**
     * The entry as the user sees it (see {@link CallerViews}): a former participant's as of their leave or
     * removal (title, last sequence, last message as it was then, nothing unread); a late joiner's with the
     * unread count and the last message from their join on.
     */
    private Entry entry(ResultSet rows, String id, String userId, ReadableRange readable) throws SQLException {
        Instant activity = Instant.ofEpochMilli(rows.getLong("last_activity_millis"));
        boolean archived = rows.getBoolean("archived");
        String level = rows.getString("notification_level");
        PrivateMask mask = new PrivateMask(userId, id, rows.getLong("cleared_up_to"));
        if (readable.ended()) {
            var then = seen.snapshot(id, readable).conversation();
            return new Entry(id, then.title(), rows.getBoolean("direct"), then.lastSequence(), 0,
                    lastMessage(id, readable.from(), then.lastSequence(), readable, mask), activity, archived, level,
                    false);
        }
        boolean active = rows.getBoolean("active");
        long last = rows.getLong("last_sequence");
        return new Entry(id, rows.getString("title"), rows.getBoolean("direct"), last,
                active ? seen.unreadCount(id, userId, rows.getLong("read_sequence"), last, readable, mask) : 0,
                lastMessage(id, readable.from(), last, readable, mask), activity, archived, level, active);
    }

    /** The last message in {@code [from, to]} the user may read and did not clear or delete for themselves. */
    private MessageQueries.HistoryItem lastMessage(String id, long from, long to, ReadableRange readable,
                                                   PrivateMask mask) {
        return messages.lastMessageId(id, from, to, mask)
                .flatMap(messageId -> messages.message(id, messageId))
                .filter(message -> readable.contains(message.sequence()))
                .map(message -> history.asSeen(id, message, readable)).orElse(null);
    }
}
