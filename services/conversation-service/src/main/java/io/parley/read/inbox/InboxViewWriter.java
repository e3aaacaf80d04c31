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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code inbox_view} (each user's conversations, their order and change cursors) once per batch, at
 * {@link #flush()}, after the participant view is written: a row for every current participant; every
 * event moves the change cursor of everyone in the conversation and of whoever left in the batch (so sync
 * tells them); only a message moves the inbox order (API.md: edits, removals, read and delivered changes
 * do not reorder it), and a join or re-join for the one who comes in. Rows come out the same however the
 * events fall into batches ({@code ConversationProjectionTest}): a leaver gets only the messages before their
 * leave, someone who came and went within one batch still gets a row.
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
        /** Who left or was removed in the batch, with the sequence of their (last) leave. */
        final Map<String, Long> leaving = new LinkedHashMap<>();
        /** The batch's messages, {sequence, millis}, in order: a leaver's activity is the last one before they left. */
        final List<long[]> messages = new ArrayList<>();

        long[] lastMessageBefore(long sequence) {
            long[] last = null;
            for (long[] message : messages) {
                if (message[0] < sequence) {
                    last = message;
                }
            }
            return last;
        }
    }

    public void apply(ConversationEvent event) {
        Touch touch = touched.computeIfAbsent(event.getConversationId(), id -> new Touch());
        Object payload = event.getPayload();
        if (payload instanceof MessageSent) {
            touch.activitySequence = event.getSequence();
            touch.activityAt = event.getOccurredAt().toEpochMilli();
            touch.messages.add(new long[] {touch.activitySequence, touch.activityAt});
        } else if (payload instanceof ConversationCreated || payload instanceof ParticipantsAdded
                || payload instanceof ParticipantJoined) {
            touch.entered = true;
        } else if (payload instanceof ParticipantLeft left) {
            touch.leaving.put(left.getUserId(), event.getSequence());
        } else if (payload instanceof ParticipantRemoved removed) {
            touch.leaving.put(removed.getUserId(), event.getSequence());
        }
    }

    public void flush() throws SQLException {
        for (Map.Entry<String, Touch> entry : touched.entrySet()) {
            flush(entry.getKey(), entry.getValue());
        }
        touched.clear();
    }

    private void flush(String id, Touch touch) throws SQLException {
        String leaving = Sql.placeholders(Math.max(touch.leaving.size(), 1));
        List<Object> leavers = new ArrayList<>(touch.leaving.isEmpty() ? List.of("") : touch.leaving.keySet());
        if (touch.entered) {
            // A new row starts at the event that brought the user in: before any message, they see it by its
            // join. Someone who came in and left within the batch gets one too, as they would one event at a time.
            List<Object> parameters = new ArrayList<>();
            parameters.add(id);
            parameters.addAll(leavers);
            Sql.update(connection, "INSERT INTO inbox_view (user_id, conversation_id, last_activity_sequence, "
                    + "last_activity_millis, change_cursor) SELECT p.user_id, p.conversation_id, p.joined_sequence, "
                    + "p.joined_at_millis, 0 FROM participant_view p WHERE p.conversation_id = ? AND (p.active = TRUE "
                    + "OR p.user_id IN (" + leaving + ")) AND NOT EXISTS (SELECT 1 FROM inbox_view i WHERE "
                    + "i.user_id = p.user_id AND i.conversation_id = p.conversation_id)", parameters.toArray());
            // coming back (re-join, re-added) is activity for the one who comes back, as a first join is
            Sql.update(connection, "UPDATE inbox_view SET last_activity_millis = (SELECT p.joined_at_millis FROM "
                    + "participant_view p WHERE p.conversation_id = inbox_view.conversation_id AND p.user_id = "
                    + "inbox_view.user_id), last_activity_sequence = (SELECT p.joined_sequence FROM participant_view p "
                    + "WHERE p.conversation_id = inbox_view.conversation_id AND p.user_id = inbox_view.user_id) "
                    + "WHERE conversation_id = ? AND EXISTS (SELECT 1 FROM participant_view p WHERE "
                    + "p.conversation_id = inbox_view.conversation_id AND p.user_id = inbox_view.user_id AND "
                    + "p.active = TRUE AND p.joined_sequence > inbox_view.last_activity_sequence)", id);
        }
        List<Object> parameters = new ArrayList<>();
        if (touch.activitySequence >= 0) {
            addActivity(parameters, touch.activitySequence, touch.activityAt);
        }
        parameters.add(id);
        parameters.add(id);
        update(touch.activitySequence >= 0, "active = TRUE", parameters);
        // who is out at the end of the batch: the messages up to their leave, as one event at a time
        for (Map.Entry<String, Long> leaver : touch.leaving.entrySet()) {
            long[] activity = touch.lastMessageBefore(leaver.getValue());
            List<Object> own = new ArrayList<>();
            if (activity != null) {
                addActivity(own, activity[0], activity[1]);
            }
            own.add(id);
            own.add(id);
            own.add(leaver.getKey());
            update(activity != null, "active = FALSE AND user_id = ?", own);
        }
    }

    private static void addActivity(List<Object> parameters, long sequence, long millis) {
        parameters.add(sequence);
        parameters.add(millis);
        parameters.add(sequence);
    }

    /** Moves the change cursor of the rows of the participants matching {@code who}, and their activity if given. */
    private void update(boolean activity, String who, List<Object> parameters) throws SQLException {
        Sql.update(connection, (activity
                // a row inserted by a join later in the same batch keeps its join: activity never moves back
                ? "UPDATE inbox_view SET last_activity_millis = CASE WHEN last_activity_sequence < ? THEN ? ELSE "
                + "last_activity_millis END, last_activity_sequence = GREATEST(last_activity_sequence, ?), "
                : "UPDATE inbox_view SET ")
                + "change_cursor = nextval('inbox_change_cursor') WHERE conversation_id = ? AND user_id IN "
                + "(SELECT user_id FROM participant_view WHERE conversation_id = ? AND " + who + ")",
                parameters.toArray());
    }
}
