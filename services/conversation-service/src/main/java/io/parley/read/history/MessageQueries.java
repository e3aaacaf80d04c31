package io.parley.read.history;

import io.parley.read.visibility.PrivateMask;
import io.parley.read.visibility.PrivateViews;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.Rejection;
import io.parley.http.JsonText;
import io.parley.metrics.UnreadableRecords;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import io.parley.read.visibility.ReadWindows;
import io.parley.read.visibility.ViewsBehind;
import jakarta.inject.Singleton;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import io.parley.conversation.model.MessageRef;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Queries over {@code message_view}, the history of each conversation as the projector wrote it. */
@Singleton
public class MessageQueries {
    private final Database database;
    private final JsonText json;
    private final UnreadableRecords unreadable;

    MessageQueries(Database database, JsonText json, UnreadableRecords unreadable) {
        this.database = database;
        this.json = json;
        this.unreadable = unreadable;
    }

    /** An item of a conversation's history: a {@link Message}, or an {@link UnreadableMessage} in its place. */
    @Schema(name = "HistoryItem", oneOf = {Message.class, UnreadableMessage.class})
    public sealed interface HistoryItem permits Message, UnreadableMessage {
        String messageId();

        long sequence();

        String author();
    }

    /** A message; removed, it is a tombstone: who and when, not what ({@code removed: true}). */
    @Serdeable
    @Schema(name = "Message", description = "A message, edits applied; removed (removed: true), only messageId, "
            + "sequence, author and sentAt are left")
    public record Message(String messageId, long sequence, String author,
                          @Nullable @Schema(requiredMode = REQUIRED) String text,
                          @Nullable @Schema(requiredMode = REQUIRED,
                                            ref = "#/components/schemas/MessagePayload") Object payload,
                          @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                  Schema.AdditionalPropertiesValue.TRUE) Object attributes,
                          @Nullable @Schema(requiredMode = REQUIRED,
                                            ref = "#/components/schemas/MessageMedia") Object media,
                          @Nullable @Schema(requiredMode = REQUIRED) String replyTo,
                          @Nullable @Schema(requiredMode = REQUIRED,
                                            ref = "#/components/schemas/UserIdList") Object mentions,
                          @Nullable @Schema(requiredMode = REQUIRED,
                                            implementation = MessageRef.class) Object forwardedFrom,
                          Instant sentAt, @Nullable @Schema(requiredMode = REQUIRED) Instant editedAt,
                          boolean removed) implements HistoryItem {
    }

    /** A message whose stored row cannot be rendered: who sent it and when, and {@code error}. */
    @Serdeable
    @Schema(name = "UnreadableMessage", description = "A message whose stored row cannot be rendered, in its place")
    public record UnreadableMessage(String messageId, long sequence, String author, Instant sentAt, String error)
            implements HistoryItem {
    }

    /**
     * Messages with sequence in {@code [from, to]} that {@code mask}'s user did not clear or delete for
     * themselves, newest first when {@code backwards}, at most {@code limit}.
     */
    public List<HistoryItem> messages(String id, long from, long to, boolean backwards, int limit, PrivateMask mask) {
        String order = backwards ? "DESC" : "ASC";
        return query("SELECT * FROM message_view m WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? AND "
                + PrivateViews.NOT_HIDDEN + " ORDER BY sequence " + order + " LIMIT " + limit, rows -> {
            List<HistoryItem> messages = new ArrayList<>();
            while (rows.next()) {
                messages.add(message(rows));
            }
            return messages;
        }, id, Math.max(from, mask.firstShown()), to, mask.userId());
    }

    public Optional<HistoryItem> message(String id, String messageId) {
        return query("SELECT * FROM message_view WHERE conversation_id = ? AND message_id = ?",
                rows -> rows.next() ? Optional.of(message(rows)) : Optional.empty(), id, messageId);
    }

    /**
     * The message if it lies in the window's range; otherwise not found, or {@code 503} when the views did
     * not reach what the read waited for (it may be on its way).
     */
    public HistoryItem visibleMessage(String id, String messageId, ReadWindows.Window window) {
        return message(id, messageId).filter(m -> window.range().contains(m.sequence()))
                .filter(m -> !window.mask().cleared(m.sequence()) && !hidden(window.mask(), messageId))
                .orElseThrow(() -> window.reached()
                        ? new ConversationRejectedException(Rejection.NOT_FOUND,
                        "message " + messageId + " not found in " + id)
                        : ViewsBehind.of(id));
    }

    /** The sequence each of {@code messageIds} was sent at, for those the views hold. */
    public Map<String, Long> sentSequences(String id, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(id);
        parameters.addAll(messageIds);
        return query("SELECT message_id, sequence FROM message_view WHERE conversation_id = ? AND message_id IN ("
                + Sql.placeholders(messageIds.size()) + ")", rows -> {
            Map<String, Long> sequences = new HashMap<>();
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
            return sequences;
        }, parameters.toArray());
    }

    /** Which of {@code messageIds} the views hold as removed. */
    public Set<String> removedAmong(String id, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(id);
        parameters.addAll(messageIds);
        return query("SELECT message_id FROM message_view WHERE conversation_id = ? AND removed = TRUE AND message_id IN ("
                + String.join(", ", Collections.nCopies(messageIds.size(), "?")) + ")", rows -> {
            Set<String> removed = new HashSet<>();
            while (rows.next()) {
                removed.add(rows.getString(1));
            }
            return removed;
        }, parameters.toArray());
    }

    private boolean hidden(PrivateMask mask, String messageId) {
        return query("SELECT 1 FROM hidden_message_view WHERE user_id = ? AND conversation_id = ? AND message_id = ?",
                ResultSet::next, mask.userId(), mask.conversationId(), messageId);
    }

    /**
     * Messages of others, not removed, above the horizon and up to {@code upTo}, that the user did not clear or
     * delete for themselves.
     */
    public long unreadCount(String id, String userId, long horizon, long upTo, PrivateMask mask) {
        return query("SELECT COUNT(*) FROM message_view m WHERE conversation_id = ? AND sequence > ? AND sequence <= ? "
                + "AND author <> ? AND removed = FALSE AND " + PrivateViews.NOT_HIDDEN, MessageQueries::count, id,
                Math.max(horizon, mask.clearedUpTo()), upTo, userId, userId);
    }

    /** Whether {@code mask}'s user cleared or deleted for themselves anything in the conversation. */
    public boolean masks(PrivateMask mask) {
        return mask.clearedUpTo() > 0 || query("SELECT 1 FROM hidden_message_view WHERE user_id = ? AND "
                + "conversation_id = ? LIMIT 1", ResultSet::next, mask.userId(), mask.conversationId());
    }

    /** Messages not removed with sequence in {@code [from, to]} that {@code mask}'s user did not clear or hide. */
    public long messageCount(String id, long from, long to, PrivateMask mask) {
        return query("SELECT COUNT(*) FROM message_view m WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? "
                + "AND removed = FALSE AND " + PrivateViews.NOT_HIDDEN, MessageQueries::count, id,
                Math.max(from, mask.firstShown()), to, mask.userId());
    }

    /**
     * The last message {@code mask}'s user did not clear or delete for themselves (removed or not), with sequence in
     * {@code [from, to]}: what their inbox shows as the last message.
     */
    public Optional<String> lastMessageId(String id, long from, long to, PrivateMask mask) {
        return query("SELECT message_id FROM message_view m WHERE conversation_id = ? AND sequence >= ? AND sequence <= ? "
                + "AND " + PrivateViews.NOT_HIDDEN + " ORDER BY sequence DESC LIMIT 1",
                rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty(), id,
                Math.max(from, mask.firstShown()), to, mask.userId());
    }

    private static long count(ResultSet rows) throws SQLException {
        rows.next();
        return rows.getLong(1);
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
        return new Message(rows.getString("message_id"), rows.getLong("sequence"), rows.getString("author"),
                removed ? null : rows.getString("text"), removed ? null : json.read(rows.getString("payload")),
                removed ? null : json.read(rows.getString("attributes")),
                removed ? List.of() : json.read(rows.getString("media")), rows.getString("reply_to"),
                removed ? List.of() : json.read(rows.getString("mentions")),
                removed ? null : json.read(rows.getString("forwarded_from")),
                Instant.ofEpochMilli(rows.getLong("sent_at_millis")), editedAt, removed);
    }

    private <T> T query(String sql, Sql.Rows<T> reader, Object... parameters) {
        return Sql.query(database.dataSource(), sql, reader, parameters);
    }
}
