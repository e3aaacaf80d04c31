package io.parley.projection;

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

import org.apache.avro.specific.SpecificData;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies published conversation events to the view tables, on the caller's connection and transaction.
 * It reads the Avro envelope, the same contract every other consumer reads, so that replaying the topic
 * rebuilds identical tables. A conversation's view row holds the last sequence applied to it.
 */
public final class ConversationProjection {

    /** The tables this projection writes, children first. */
    public static final List<String> TABLES = List.of("inbox_view", "message_view", "participant_view",
            "conversation_view");

    /** What applying one event did. */
    public enum Outcome { APPLIED, DUPLICATE, GAP }

    /** The last sequence applied to the conversation's views, 0 if none. */
    public long lastApplied(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT last_sequence FROM conversation_view WHERE conversation_id = ?")) {
            select.setString(1, conversationId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** Applies events on {@code connection} until {@link Batch#flush()}, in the caller's transaction. */
    public Batch batch(Connection connection) {
        return new Batch(connection);
    }

    /**
     * Events applied together: each conversation's position and its users' inbox rows are written once per
     * batch, at {@link #flush()}, instead of once per event.
     */
    public final class Batch {
        private final Connection connection;
        private final Map<String, Long> applied = new HashMap<>();
        private final Map<String, Touch> touched = new LinkedHashMap<>();

        private Batch(Connection connection) {
            this.connection = connection;
        }

        public long lastApplied(String conversationId) throws SQLException {
            Long known = applied.get(conversationId);
            if (known == null) {
                known = ConversationProjection.this.lastApplied(connection, conversationId);
                applied.put(conversationId, known);
            }
            return known;
        }

        /**
         * Applies {@code event} if it is the next sequence of its conversation; a sequence already applied
         * is a duplicate, one further ahead is a gap (nothing is written; the caller heals it first).
         */
        public Outcome apply(ConversationEvent event) throws SQLException {
            long last = lastApplied(event.getConversationId());
            if (event.getSequence() <= last) {
                return Outcome.DUPLICATE;
            }
            if (event.getSequence() != last + 1) {
                return Outcome.GAP;
            }
            Touch touch = touched.computeIfAbsent(event.getConversationId(), id -> new Touch());
            new Writer(connection, event, touch).write();
            applied.put(event.getConversationId(), event.getSequence());
            return Outcome.APPLIED;
        }

        /** Writes what the applied events changed for whole conversations: positions and inboxes. */
        public void flush() throws SQLException {
            for (Map.Entry<String, Touch> entry : touched.entrySet()) {
                entry.getValue().flush(connection, entry.getKey());
            }
            touched.clear();
        }
    }

    /** What a batch's events did to one conversation, written at the end of the batch. */
    private static final class Touch {
        private static String placeholders(int count) {
            return String.join(", ", java.util.Collections.nCopies(Math.max(count, 1), "?"));
        }

        long sequence;
        long at;
        long activitySequence = -1;
        long activityAt;
        final Set<String> leaving = new HashSet<>();

        void flush(Connection connection, String id) throws SQLException {
            Writer.update(connection, "UPDATE conversation_view SET last_sequence = ?, last_update_millis = ? "
                    + "WHERE conversation_id = ?", sequence, at, id);
            Writer.update(connection, "INSERT INTO inbox_view (user_id, conversation_id, last_activity_sequence, "
                    + "last_activity_millis, change_cursor) SELECT p.user_id, p.conversation_id, ?, ?, 0 FROM "
                    + "participant_view p WHERE p.conversation_id = ? AND p.active = TRUE AND NOT EXISTS (SELECT 1 "
                    + "FROM inbox_view i WHERE i.user_id = p.user_id AND i.conversation_id = p.conversation_id)",
                    sequence, at, id);
            // everyone in the conversation, and whoever went in this batch: one statement, a cursor per row
            String concerned = "conversation_id = ? AND user_id IN (SELECT user_id FROM participant_view WHERE "
                    + "conversation_id = ? AND (active = TRUE OR user_id IN (" + placeholders(leaving.size()) + ")))";
            List<Object> parameters = new ArrayList<>();
            if (activitySequence >= 0) {
                parameters.add(activitySequence);
                parameters.add(activityAt);
            }
            parameters.add(id);
            parameters.add(id);
            parameters.addAll(leaving.isEmpty() ? List.of("") : leaving);
            Writer.update(connection, (activitySequence >= 0
                    ? "UPDATE inbox_view SET last_activity_sequence = ?, last_activity_millis = ?, "
                    : "UPDATE inbox_view SET ")
                    + "change_cursor = nextval('inbox_change_cursor') WHERE " + concerned, parameters.toArray());
        }
    }

    /** The writes of one event. */
    private static final class Writer {
        private final Connection connection;
        private final ConversationEvent event;
        private final String id;
        private final long sequence;
        private final long at;
        private final Touch touch;

        Writer(Connection connection, ConversationEvent event, Touch touch) {
            this.connection = connection;
            this.event = event;
            this.touch = touch;
            this.id = event.getConversationId();
            this.sequence = event.getSequence();
            this.at = event.getOccurredAt().toEpochMilli();
        }

        void write() throws SQLException {
            Object payload = event.getPayload();
            touch.sequence = sequence;
            touch.at = at;
            if (!(payload instanceof ReadAdvanced || payload instanceof ReadSet || payload instanceof DeliveredAdvanced)) {
                // a moved horizon is no activity: it does not reorder anyone's inbox
                touch.activitySequence = sequence;
                touch.activityAt = at;
            }
            if (payload instanceof ConversationCreated created) {
                created(created);
                return;
            }
            if (payload instanceof ConversationEdited edited) {
                edited(edited);
            } else if (payload instanceof ConversationDeleted) {
                update("UPDATE conversation_view SET deleted = TRUE WHERE conversation_id = ?", id);
            } else if (payload instanceof ParticipantsAdded added) {
                for (Participant participant : added.getParticipants()) {
                    enter(participant.getUserId(), participant.getPermissions());
                }
            } else if (payload instanceof ParticipantJoined joined) {
                enter(joined.getUserId(), joined.getPermissions());
            } else if (payload instanceof ParticipantRemoved removed) {
                exit(removed.getUserId());
            } else if (payload instanceof ParticipantLeft left) {
                exit(left.getUserId());
            } else if (payload instanceof ParticipantPermissionsChanged changed) {
                update("UPDATE participant_view SET permissions = ? WHERE conversation_id = ? AND user_id = ?",
                        json(changed.getPermissions()), id, changed.getUserId());
            } else if (payload instanceof MessageSent sent) {
                sent(sent);
            } else if (payload instanceof MessageEdited edited) {
                messageEdited(edited);
            } else if (payload instanceof MessageRemoved removed) {
                if (update("UPDATE message_view SET removed = TRUE WHERE conversation_id = ? AND message_id = ? "
                        + "AND removed = FALSE", id, removed.getMessageId()) > 0) {
                    update("UPDATE conversation_view SET message_count = message_count - 1 WHERE conversation_id = ?",
                            id);
                }
            } else if (payload instanceof ReadAdvanced read) {
                horizon("read_sequence", read.getUserId(), read.getSequence());
            } else if (payload instanceof ReadSet read) {
                horizon("read_sequence", read.getUserId(), read.getSequence());
            } else if (payload instanceof DeliveredAdvanced delivered) {
                horizon("delivered_sequence", delivered.getUserId(), delivered.getSequence());
            } else {
                throw new IllegalStateException("no projection for " + payload.getClass().getName());
            }
        }

        private void created(ConversationCreated created) throws SQLException {
            update("INSERT INTO conversation_view (conversation_id, title, custom_data, direct, public_join, unique_name, "
                            + "history_visibility, created_at_millis, created_by, last_sequence, last_update_millis, "
                            + "participant_count, message_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)",
                    id, created.getTitle(), created.getCustomData(), created.getDirect(), created.getPublicJoin(),
                    created.getUniqueName(), created.getHistoryVisibility(), at, event.getActor(), sequence, at);
            for (Participant participant : created.getParticipants()) {
                enter(participant.getUserId(), participant.getPermissions());
            }
        }

        private void edited(ConversationEdited edited) throws SQLException {
            List<String> cleared = edited.getClearedFields();
            if (edited.getTitle() != null || cleared.contains("title")) {
                update("UPDATE conversation_view SET title = ? WHERE conversation_id = ?", edited.getTitle(), id);
            }
            if (edited.getCustomData() != null || cleared.contains("customData")) {
                update("UPDATE conversation_view SET custom_data = ? WHERE conversation_id = ?", edited.getCustomData(),
                        id);
            }
            if (edited.getUniqueName() != null || cleared.contains("uniqueName")) {
                update("UPDATE conversation_view SET unique_name = ? WHERE conversation_id = ?", edited.getUniqueName(),
                        id);
            }
            if (edited.getPublicJoin() != null) {
                update("UPDATE conversation_view SET public_join = ? WHERE conversation_id = ?", edited.getPublicJoin(),
                        id);
            }
        }

        private void enter(String userId, Permissions permissions) throws SQLException {
            int rejoined = update("UPDATE participant_view SET permissions = ?, active = TRUE, joined_sequence = ?, "
                            + "joined_at_millis = ?, left_sequence = NULL, read_sequence = 0, delivered_sequence = 0 "
                            + "WHERE conversation_id = ? AND user_id = ? AND active = FALSE",
                    json(permissions), sequence, at, id, userId);
            if (rejoined == 0) {
                update("INSERT INTO participant_view (conversation_id, user_id, permissions, active, joined_sequence, "
                        + "joined_at_millis) VALUES (?, ?, ?, TRUE, ?, ?)", id, userId, json(permissions), sequence, at);
            }
            update("UPDATE conversation_view SET participant_count = participant_count + 1 WHERE conversation_id = ?",
                    id);
        }

        private void exit(String userId) throws SQLException {
            touch.leaving.add(userId);
            update("UPDATE participant_view SET active = FALSE, left_sequence = ? WHERE conversation_id = ? AND user_id = ?",
                    sequence, id, userId);
            update("UPDATE conversation_view SET participant_count = participant_count - 1 WHERE conversation_id = ?",
                    id);
        }

        private void sent(MessageSent sent) throws SQLException {
            update("INSERT INTO message_view (conversation_id, sequence, message_id, author, text, payload, attributes, "
                            + "media, reply_to, mentions, forwarded_from, sent_at_millis) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, sequence, sent.getMessageId(), event.getActor(), sent.getText(), sent.getPayload(),
                    sent.getAttributes(), json(sent.getMedia()), sent.getReplyTo(), json(sent.getMentions()),
                    sent.getForwardedFrom() == null ? null : json(sent.getForwardedFrom()), at);
            update("UPDATE conversation_view SET message_count = message_count + 1, last_message_id = ?, "
                    + "last_message_sequence = ? WHERE conversation_id = ?", sent.getMessageId(), sequence, id);
        }

        private void messageEdited(MessageEdited edited) throws SQLException {
            List<String> cleared = edited.getClearedFields();
            String where = " WHERE conversation_id = ? AND message_id = ?";
            if (edited.getText() != null || cleared.contains("text")) {
                update("UPDATE message_view SET text = ?" + where, edited.getText(), id, edited.getMessageId());
            }
            if (edited.getPayload() != null || cleared.contains("payload")) {
                update("UPDATE message_view SET payload = ?" + where, edited.getPayload(), id, edited.getMessageId());
            }
            if (edited.getAttributes() != null || cleared.contains("attributes")) {
                update("UPDATE message_view SET attributes = ?" + where, edited.getAttributes(), id,
                        edited.getMessageId());
            }
            update("UPDATE message_view SET edited_at_millis = ?" + where, at, id, edited.getMessageId());
        }

        private void horizon(String column, String userId, long value) throws SQLException {
            update("UPDATE participant_view SET " + column + " = ? WHERE conversation_id = ? AND user_id = ?",
                    value, id, userId);
        }

        /** Avro values as JSON text, the same whether they were decoded from Kafka or mapped in process. */
        private static String json(Object value) {
            return SpecificData.get().toString(value);
        }

        private int update(String sql, Object... parameters) throws SQLException {
            return update(connection, sql, parameters);
        }

        static int update(Connection connection, String sql, Object... parameters) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    if (parameters[i] == null) {
                        statement.setNull(i + 1, Types.VARCHAR);
                    } else {
                        statement.setObject(i + 1, parameters[i]);
                    }
                }
                return statement.executeUpdate();
            }
        }
    }
}
