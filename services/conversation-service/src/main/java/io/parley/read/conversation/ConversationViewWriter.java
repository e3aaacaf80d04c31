package io.parley.read.conversation;

import io.parley.avro.AvroJson;
import io.parley.events.conversation.ConversationCreated;
import io.parley.events.conversation.ConversationDeleted;
import io.parley.events.conversation.ConversationEdited;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.DeliveredAdvanced;
import io.parley.events.conversation.MessageEdited;
import io.parley.events.conversation.MessageRemoved;
import io.parley.events.conversation.MessageSent;
import io.parley.events.conversation.Participant;
import io.parley.events.conversation.ParticipantJoined;
import io.parley.events.conversation.ParticipantLeft;
import io.parley.events.conversation.ParticipantPermissionsChanged;
import io.parley.events.conversation.ParticipantRemoved;
import io.parley.events.conversation.ParticipantsAdded;
import io.parley.events.conversation.Permissions;
import io.parley.events.conversation.ReadAdvanced;
import io.parley.events.conversation.ReadSet;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code conversation_view} and {@code participant_view} from published events, on the projection's
 * connection and transaction: the conversation's fields and counts, and each user's participation (join and
 * leave sequences, from which reads decide what the user may read) and horizons. A conversation's position
 * ({@code last_sequence}), its message count and its last message are written once per batch, at
 * {@link #flush()}: one statement per conversation instead of one per message. Runs before the message
 * view's writer for the same event (a removal is counted while the message is still there).
 */
public final class ConversationViewWriter {
    private final Connection connection;
    /** Per conversation touched in this batch: where it got to, and the messages sent in the batch. */
    private final Map<String, Position> positions = new LinkedHashMap<>();

    private static final class Position {
        long sequence;
        long at;
        long messagesSent;
        String lastMessageId;
        Long lastMessageSequence;
    }

    public ConversationViewWriter(Connection connection) {
        this.connection = connection;
    }

    public void apply(ConversationEvent event) throws SQLException {
        String id = event.getConversationId();
        long sequence = event.getSequence();
        long at = event.getOccurredAt().toEpochMilli();
        Position position = positions.computeIfAbsent(id, key -> new Position());
        position.sequence = sequence;
        position.at = at;
        Object payload = event.getPayload();
        if (payload instanceof ConversationCreated created) {
            update("INSERT INTO conversation_view (conversation_id, title, custom_data, direct, public_join, unique_name, "
                            + "history_visibility, created_at_millis, created_by, last_sequence, last_update_millis, "
                            + "participant_count, message_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                    id, created.getTitle(), created.getCustomData(), created.getDirect(), created.getPublicJoin(),
                    created.getUniqueName(), created.getHistoryVisibility(), at, event.getActor(), sequence, at);
            for (Participant participant : created.getParticipants()) {
                enter(id, participant.getUserId(), participant.getPermissions(), sequence, at);
            }
        } else if (payload instanceof ConversationEdited edited) {
            edited(id, edited);
        } else if (payload instanceof ConversationDeleted) {
            update("UPDATE conversation_view SET deleted = TRUE WHERE conversation_id = ?", id);
        } else if (payload instanceof ParticipantsAdded added) {
            for (Participant participant : added.getParticipants()) {
                enter(id, participant.getUserId(), participant.getPermissions(), sequence, at);
            }
        } else if (payload instanceof ParticipantJoined joined) {
            enter(id, joined.getUserId(), joined.getPermissions(), sequence, at);
        } else if (payload instanceof ParticipantRemoved removed) {
            exit(id, removed.getUserId(), sequence);
        } else if (payload instanceof ParticipantLeft left) {
            exit(id, left.getUserId(), sequence);
        } else if (payload instanceof ParticipantPermissionsChanged changed) {
            update("UPDATE participant_view SET permissions = ? WHERE conversation_id = ? AND user_id = ?",
                    AvroJson.text(changed.getPermissions()), id, changed.getUserId());
        } else if (payload instanceof MessageSent sent) {
            position.messagesSent++;
            position.lastMessageId = sent.getMessageId();
            position.lastMessageSequence = sequence;
        } else if (payload instanceof MessageRemoved removed) {
            update("UPDATE conversation_view SET message_count = message_count - 1 WHERE conversation_id = ? AND "
                    + "EXISTS (SELECT 1 FROM message_view m WHERE m.conversation_id = ? AND m.message_id = ? AND "
                    + "m.removed = FALSE)", id, id, removed.getMessageId());
        } else if (payload instanceof ReadAdvanced read) {
            horizon(id, "read_sequence", read.getUserId(), read.getSequence());
        } else if (payload instanceof ReadSet read) {
            horizon(id, "read_sequence", read.getUserId(), read.getSequence());
        } else if (payload instanceof DeliveredAdvanced delivered) {
            horizon(id, "delivered_sequence", delivered.getUserId(), delivered.getSequence());
        } else if (!(payload instanceof MessageEdited)) {
            throw new IllegalStateException("no projection for " + payload.getClass().getName());
        }
    }

    /** Writes each touched conversation's position, and the messages sent in the batch, as two JDBC batches. */
    public void flush() throws SQLException {
        List<Object[]> moved = new ArrayList<>();
        List<Object[]> sent = new ArrayList<>();
        for (Map.Entry<String, Position> entry : positions.entrySet()) {
            Position position = entry.getValue();
            if (position.messagesSent == 0) {
                moved.add(new Object[]{position.sequence, position.at, entry.getKey()});
            } else {
                sent.add(new Object[]{position.sequence, position.at, position.messagesSent, position.lastMessageId,
                        position.lastMessageSequence, entry.getKey()});
            }
        }
        Sql.updateAll(connection, "UPDATE conversation_view SET last_sequence = ?, last_update_millis = ? "
                + "WHERE conversation_id = ?", moved);
        Sql.updateAll(connection, "UPDATE conversation_view SET last_sequence = ?, last_update_millis = ?, "
                + "message_count = message_count + ?, last_message_id = ?, last_message_sequence = ? "
                + "WHERE conversation_id = ?", sent);
        positions.clear();
    }

    private void edited(String id, ConversationEdited edited) throws SQLException {
        List<String> cleared = edited.getClearedFields();
        if (edited.getTitle() != null || cleared.contains("title")) {
            update("UPDATE conversation_view SET title = ? WHERE conversation_id = ?", edited.getTitle(), id);
        }
        if (edited.getCustomData() != null || cleared.contains("customData")) {
            update("UPDATE conversation_view SET custom_data = ? WHERE conversation_id = ?", edited.getCustomData(), id);
        }
        if (edited.getUniqueName() != null || cleared.contains("uniqueName")) {
            update("UPDATE conversation_view SET unique_name = ? WHERE conversation_id = ?", edited.getUniqueName(), id);
        }
        if (edited.getPublicJoin() != null) {
            update("UPDATE conversation_view SET public_join = ? WHERE conversation_id = ?", edited.getPublicJoin(), id);
        }
    }

    /** A new stay: a re-added participant starts again from their new join, with no horizons. */
    private void enter(String id, String userId, Permissions permissions, long sequence, long at) throws SQLException {
        int rejoined = update("UPDATE participant_view SET permissions = ?, active = TRUE, joined_sequence = ?, "
                        + "joined_at_millis = ?, left_sequence = NULL, read_sequence = 0, delivered_sequence = 0 "
                        + "WHERE conversation_id = ? AND user_id = ? AND active = FALSE",
                AvroJson.text(permissions), sequence, at, id, userId);
        if (rejoined == 0) {
            update("INSERT INTO participant_view (conversation_id, user_id, permissions, active, joined_sequence, "
                    + "joined_at_millis) VALUES (?, ?, ?, TRUE, ?, ?)", id, userId, AvroJson.text(permissions), sequence, at);
        }
        update("UPDATE conversation_view SET participant_count = participant_count + 1 WHERE conversation_id = ?", id);
    }

    private void exit(String id, String userId, long sequence) throws SQLException {
        update("UPDATE participant_view SET active = FALSE, left_sequence = ? WHERE conversation_id = ? AND user_id = ?",
                sequence, id, userId);
        update("UPDATE conversation_view SET participant_count = participant_count - 1 WHERE conversation_id = ?", id);
    }

    private void horizon(String id, String column, String userId, long value) throws SQLException {
        update("UPDATE participant_view SET " + column + " = ? WHERE conversation_id = ? AND user_id = ?",
                value, id, userId);
    }

    private int update(String sql, Object... parameters) throws SQLException {
        return Sql.update(connection, sql, parameters);
    }
}
