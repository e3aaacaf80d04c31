package io.parley.read.inbox;

import io.parley.events.conversation.ConversationCreated;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.MessageSent;
import io.parley.events.conversation.ParticipantJoined;
import io.parley.events.conversation.ParticipantLeft;
import io.parley.events.conversation.ParticipantRemoved;
import io.parley.events.conversation.ParticipantsAdded;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes {@code inbox_view} (each user's conversations, their order and change cursors) once per batch, at
 * {@link #flush()}, after the participant view is written: a row for every current participant; every
 * event moves the change cursor of everyone in the conversation and of whoever left in the batch (so sync
 * tells them); only a message moves the inbox order (API.md: edits, removals, read and delivered changes
 * do not reorder it).
 */
public final class InboxViewWriter {
    private final Connection connection;
    private final Map<String, Touch> touched = new LinkedHashMap<>();

    public InboxViewWriter(Connection connection) {
        this.connection = connection;
    }

    /** What a batch's events did to one conversation. */
    private static final class Touch {
        /** Someone came in during the batch: they may need a row. */
        boolean entered;
        long activitySequence = -1;
        long activityAt;
        final Set<String> leaving = new HashSet<>();
    }

    public void apply(ConversationEvent event) {
        Touch touch = touched.computeIfAbsent(event.getConversationId(), id -> new Touch());
        Object payload = event.getPayload();
        if (payload instanceof MessageSent) {
            touch.activitySequence = event.getSequence();
            touch.activityAt = event.getOccurredAt().toEpochMilli();
        } else if (payload instanceof ConversationCreated || payload instanceof ParticipantsAdded
                || payload instanceof ParticipantJoined) {
            touch.entered = true;
        } else if (payload instanceof ParticipantLeft left) {
            touch.leaving.add(left.getUserId());
        } else if (payload instanceof ParticipantRemoved removed) {
            touch.leaving.add(removed.getUserId());
        }
    }

    public void flush() throws SQLException {
        for (Map.Entry<String, Touch> entry : touched.entrySet()) {
            flush(entry.getKey(), entry.getValue());
        }
        touched.clear();
    }

    private void flush(String id, Touch touch) throws SQLException {
        // a new row starts at the event that brought the user in: before any message, they see it by its join
        if (touch.entered) {
            Sql.update(connection, "INSERT INTO inbox_view (user_id, conversation_id, last_activity_sequence, "
                    + "last_activity_millis, change_cursor) SELECT p.user_id, p.conversation_id, p.joined_sequence, "
                    + "p.joined_at_millis, 0 FROM participant_view p WHERE p.conversation_id = ? AND p.active = TRUE "
                    + "AND NOT EXISTS (SELECT 1 FROM inbox_view i WHERE i.user_id = p.user_id AND "
                    + "i.conversation_id = p.conversation_id)", id);
        }
        String concerned = "conversation_id = ? AND user_id IN (SELECT user_id FROM participant_view WHERE "
                + "conversation_id = ? AND (active = TRUE OR user_id IN ("
                + Sql.placeholders(Math.max(touch.leaving.size(), 1)) + ")))";
        List<Object> parameters = new ArrayList<>();
        if (touch.activitySequence >= 0) {
            parameters.add(touch.activitySequence);
            parameters.add(touch.activityAt);
            parameters.add(touch.activitySequence);
        }
        parameters.add(id);
        parameters.add(id);
        parameters.addAll(touch.leaving.isEmpty() ? List.of("") : touch.leaving);
        Sql.update(connection, (touch.activitySequence >= 0
                // a row inserted by a join later in the same batch keeps its join: activity never moves back
                ? "UPDATE inbox_view SET last_activity_millis = CASE WHEN last_activity_sequence < ? THEN ? ELSE "
                + "last_activity_millis END, last_activity_sequence = GREATEST(last_activity_sequence, ?), "
                : "UPDATE inbox_view SET ")
                + "change_cursor = nextval('inbox_change_cursor') WHERE " + concerned, parameters.toArray());
    }
}
