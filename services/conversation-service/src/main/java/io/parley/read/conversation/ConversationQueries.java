package io.parley.read.conversation;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.JsonText;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import io.parley.conversation.model.Permissions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Queries over {@code conversation_view} and {@code participant_view}; every answer carries the sequence it is exact at. */
@Singleton
public class ConversationQueries {
    private final Database database;
    private final JsonText json;

    ConversationQueries(Database database, JsonText json) {
        this.database = database;
        this.json = json;
    }

    @Serdeable
    @Schema(name = "Conversation", description = "A conversation as the caller may see it; counts exact at "
            + "asOfSequence")
    public record Conversation(String id, @Nullable @Schema(requiredMode = REQUIRED) String title, boolean direct,
                               boolean publicJoin,
                               @Nullable @Schema(requiredMode = REQUIRED) String uniqueName,
                               @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                       Schema.AdditionalPropertiesValue.TRUE) Object customData,
                               String historyVisibility, Instant createdAt, String createdBy, long lastSequence,
                               Instant lastUpdate, int participantCount, long messageCount,
                               @Nullable @Schema(requiredMode = REQUIRED) String lastMessageId, boolean deleted,
                               long asOfSequence) {
        /** The same conversation with what a late joiner sees of its messages. */
        Conversation withMessages(long count, String lastId) {
            return new Conversation(id, title, direct, publicJoin, uniqueName, customData, historyVisibility, createdAt,
                    createdBy, lastSequence, lastUpdate, participantCount, count, lastId, deleted, asOfSequence);
        }
    }

    @Serdeable
    @Schema(name = "Participant")
    public record Participant(String userId, @Schema(requiredMode = REQUIRED, implementation = Permissions.class)
                              Map<String, Object> permissions,
                              Instant joinedAt, long joinedSequence,
                              @Nullable @Schema(requiredMode = REQUIRED) Long leftSequence,
                              long lastReadSequence, long lastDeliveredSequence) {
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

    /** The current participants, in the order they came in. */
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

    /** The user's latest stay in the conversation, current or not. */
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

    private <T> T query(String sql, Sql.Rows<T> reader, Object... parameters) {
        return Sql.query(database.dataSource(), sql, reader, parameters);
    }
}
