package io.parley.read.history;

import io.parley.avro.AvroJson;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.MessageEdited;
import io.parley.events.conversation.MessageRemoved;
import io.parley.events.conversation.MessageSent;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code message_view} from published events, on the projection's connection and transaction: each
 * message as it is now (edits applied), and whether it was removed. Other events do not concern it. New
 * messages are inserted together, as one JDBC batch, at {@link #flush()}; the projection flushes before
 * applying any other kind of event, so edits and removals find them.
 */
public final class MessageViewWriter {
    private static final String INSERT = "INSERT INTO message_view (conversation_id, sequence, message_id, author, "
            + "text, payload, attributes, media, reply_to, mentions, forwarded_from, sent_at_millis) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private final Connection connection;
    private final List<Object[]> inserts = new ArrayList<>();

    public MessageViewWriter(Connection connection) {
        this.connection = connection;
    }

    public void apply(ConversationEvent event) throws SQLException {
        String id = event.getConversationId();
        Object payload = event.getPayload();
        if (payload instanceof MessageSent sent) {
            inserts.add(new Object[]{id, event.getSequence(), sent.getMessageId(), event.getActor(), sent.getText(), sent.getPayload(),
                    sent.getAttributes(), AvroJson.text(sent.getMedia()), sent.getReplyTo(),
                    AvroJson.text(sent.getMentions()),
                    sent.getForwardedFrom() == null ? null : AvroJson.text(sent.getForwardedFrom()),
                    event.getOccurredAt().toEpochMilli()});
        } else if (payload instanceof MessageEdited edited) {
            edited(id, edited, event.getOccurredAt().toEpochMilli());
        } else if (payload instanceof MessageRemoved removed) {
            update("UPDATE message_view SET removed = TRUE WHERE conversation_id = ? AND message_id = ?",
                    id, removed.getMessageId());
        }
    }

    /** Inserts the messages applied since the last flush. */
    public void flush() throws SQLException {
        Sql.updateAll(connection, INSERT, inserts);
        inserts.clear();
    }

    private void edited(String id, MessageEdited edited, long at) throws SQLException {
        List<String> cleared = edited.getClearedFields();
        String where = " WHERE conversation_id = ? AND message_id = ?";
        if (edited.getText() != null || cleared.contains("text")) {
            update("UPDATE message_view SET text = ?" + where, edited.getText(), id, edited.getMessageId());
        }
        if (edited.getPayload() != null || cleared.contains("payload")) {
            update("UPDATE message_view SET payload = ?" + where, edited.getPayload(), id, edited.getMessageId());
        }
        if (edited.getAttributes() != null || cleared.contains("attributes")) {
            update("UPDATE message_view SET attributes = ?" + where, edited.getAttributes(), id, edited.getMessageId());
        }
        update("UPDATE message_view SET edited_at_millis = ?" + where, at, id, edited.getMessageId());
    }

    private void update(String sql, Object... parameters) throws SQLException {
        Sql.update(connection, sql, parameters);
    }
}
