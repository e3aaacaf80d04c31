package io.parley.read.visibility;

import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.Participation;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.model.Visibility;
import io.parley.http.Caller;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a reader may read of a conversation, decided by the one rule ({@link Visibility}) from the
 * participation the projector wrote into the views: reads never load the aggregate, so they never wait
 * for a write's lock.
 */
@Singleton
public class ReaderRanges {
    private final Database database;

    ReaderRanges(Database database) {
        this.database = database;
    }

    /**
     * The reader's range as the views know it at {@code asOf} (the conversation's last sequence in the
     * views; the range and {@code asOf} come from one statement, so they agree). Empty {@code readable}: the
     * reader may read nothing.
     */
    public record ViewAccess(Optional<ReadableRange> readable, long asOf) {
    }

    /**
     * The range, by {@link Visibility}, of the reader whose participation a view row holds: columns
     * {@code history_visibility}, {@code public_join} and {@code participant_view}'s {@code joined_sequence},
     * {@code left_sequence}, {@code active} (null when the reader was never in).
     */
    public static Optional<ReadableRange> readableRange(ResultSet rows) throws SQLException {
        Participation participation = null;
        long joined = rows.getLong("joined_sequence");
        if (!rows.wasNull()) {
            participation = rows.getBoolean("active") ? Participation.current(joined)
                    : Participation.former(joined, rows.getLong("left_sequence"));
        }
        HistoryVisibility history = HistoryVisibility.valueOf(
                rows.getString("history_visibility").toUpperCase(Locale.ROOT));
        return Visibility.readableRange(participation, history, rows.getBoolean("public_join"));
    }

    /** Empty when the views do not know the conversation (yet). */
    public Optional<ViewAccess> of(String conversationId, Caller caller) {
        return Sql.query(database.dataSource(), "SELECT c.history_visibility, c.public_join, c.last_sequence, "
                + "p.joined_sequence, p.left_sequence, p.active FROM conversation_view c LEFT JOIN participant_view p "
                + "ON p.conversation_id = c.conversation_id AND p.user_id = ? WHERE c.conversation_id = ?", rows -> {
            if (!rows.next()) {
                return Optional.empty();
            }
            long asOf = rows.getLong("last_sequence");
            if (caller.admin()) {
                return Optional.of(new ViewAccess(Optional.of(ReadableRange.ALL), asOf));
            }
            return Optional.of(new ViewAccess(readableRange(rows), asOf));
        }, caller.userId(), conversationId);
    }
}
