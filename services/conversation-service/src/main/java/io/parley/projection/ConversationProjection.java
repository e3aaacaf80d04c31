package io.parley.projection;

import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.MessageSent;
import io.parley.events.conversation.ConversationCreated;
import io.parley.events.conversation.ParticipantJoined;
import io.parley.events.conversation.ParticipantsAdded;
import io.parley.directory.KnownUsers;
import java.util.LinkedHashSet;
import java.util.Set;
import io.parley.persistence.Sql;
import io.parley.read.conversation.ConversationViewWriter;
import io.parley.read.history.MessageViewWriter;
import io.parley.read.inbox.InboxViewWriter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies published conversation events to the views, on the caller's connection and transaction, through
 * each view's writer (in its read slice). It reads the Avro envelope, the same contract every other
 * consumer reads, so that replaying the topic rebuilds identical tables. A conversation's view row holds
 * the last sequence applied to it: an event at or below it is a duplicate, one further ahead than the next
 * is a gap.
 */
public final class ConversationProjection {

    /** The tables this projection writes, children first. */
    public static final List<String> TABLES = List.of("inbox_view", "message_view", "participant_view",
            "conversation_view");

    /** What applying one event did. */
    public enum Outcome { APPLIED, DUPLICATE, GAP }

    /** The last sequence applied to the conversation's views, 0 if none. */
    public long lastApplied(Connection connection, String conversationId) throws SQLException {
        return Sql.query(connection, "SELECT last_sequence FROM conversation_view WHERE conversation_id = ?",
                rows -> rows.next() ? rows.getLong(1) : 0L, conversationId);
    }

    /** Applies events on {@code connection} until {@link Batch#flush()}, in the caller's transaction. */
    public Batch batch(Connection connection) {
        return new Batch(connection);
    }

    /**
     * Events applied together: positions are read for all the batch's conversations at once, new messages
     * inserted together, and each conversation's position and its users' inbox rows written once per batch,
     * at {@link #flush()}, instead of once per event.
     */
    public final class Batch {
        private final Connection connection;
        private final Map<String, Long> applied = new HashMap<>();
        private final ConversationViewWriter conversations;
        private final MessageViewWriter messages;
        private final InboxViewWriter inbox;
        private final Set<String> mentioned = new LinkedHashSet<>();

        private Batch(Connection connection) {
            this.connection = connection;
            this.conversations = new ConversationViewWriter(connection);
            this.messages = new MessageViewWriter(connection);
            this.inbox = new InboxViewWriter(connection);
        }

        /** Reads the positions of these conversations in one query, before applying their events. */
        public void lookUpPositions(Collection<String> conversationIds) throws SQLException {
            List<String> unknown = conversationIds.stream().distinct().filter(id -> !applied.containsKey(id)).toList();
            if (unknown.isEmpty()) {
                return;
            }
            unknown.forEach(id -> applied.put(id, 0L));
            Sql.query(connection, "SELECT conversation_id, last_sequence FROM conversation_view WHERE conversation_id IN ("
                    + Sql.placeholders(unknown.size()) + ")", rows -> {
                while (rows.next()) {
                    applied.put(rows.getString(1), rows.getLong(2));
                }
                return null;
            }, unknown.toArray());
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
            if (!(event.getPayload() instanceof MessageSent)) {
                // edits, removals and counts read the messages inserted before them
                messages.flush();
            }
            conversations.apply(event);
            messages.apply(event);
            inbox.apply(event);
            mentioned(event.getPayload());
            applied.put(event.getConversationId(), event.getSequence());
            return Outcome.APPLIED;
        }

        private void mentioned(Object payload) {
            if (payload instanceof ConversationCreated created) {
                created.getParticipants().forEach(p -> mentioned.add(p.getUserId()));
            } else if (payload instanceof ParticipantsAdded added) {
                added.getParticipants().forEach(p -> mentioned.add(p.getUserId()));
            } else if (payload instanceof ParticipantJoined joined) {
                mentioned.add(joined.getUserId());
            }
        }

        /** Writes what the applied events changed for whole conversations: positions, inboxes, users met. */
        public void flush() throws SQLException {
            KnownUsers.record(connection, mentioned);
            mentioned.clear();
            messages.flush();
            conversations.flush();
            inbox.flush();
        }
    }
}
