package io.parley.read.visibility;

import io.parley.consistency.RecentWrites;
import io.parley.consistency.ViewCommits;
import io.parley.eventlog.ConversationLog;
import io.parley.eventlog.UserLog;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Read-your-writes on the views. A read waits up to 2 s for them to reach what the event store already
 * holds (the conversation's last sequence; for the reads spanning
 * conversations, the conversations the caller wrote to recently), and for the {@code minSequence} and
 * {@code minCursor} the client asks for. If they do not, it answers anyway and says
 * {@code Parley-Consistency: pending}.
 */
@Singleton
public class ViewConsistency {
    public static final String HEADER = "Parley-Consistency";
    public static final String PENDING = "pending";
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Also look again without a signal: the projector may run in another process. */
    private static final Duration POLL = Duration.ofMillis(25);
    private final Database database;
    private final ConversationLog log;
    private final ViewCommits commits;
    private final RecentWrites recentWrites;
    private final UserLog userLog;

    ViewConsistency(Database database, ConversationLog log, ViewCommits commits, RecentWrites recentWrites,
                    UserLog userLog) {
        this.userLog = userLog;
        this.database = database;
        this.log = log;
        this.commits = commits;
        this.recentWrites = recentWrites;
    }

    /** When a read gives up waiting: one deadline for all the waits of a request. */
    public static long deadline() {
        return System.nanoTime() + MAX_WAIT.toNanos();
    }

    /**
     * False when the conversation's views did not reach, by {@code deadline}, both {@code minSequence} and
     * the last sequence in the event store.
     */
    public boolean awaitConversation(String conversationId, Long minSequence, long deadline) {
        long stored = lastStored(conversationId);
        long target = Math.max(stored, minSequence == null ? 0 : minSequence);
        return target == 0 || await(() -> projected(conversationId) >= target, deadline);
    }

    /**
     * False when, by {@code deadline}, the user's views did not reach {@code cursor} (a sync cursor
     * position, or null) or the views of a conversation the user wrote to recently did not reach its last
     * stored sequence.
     */
    public boolean awaitUser(String userId, SyncCursors.SyncPosition cursor, long deadline) {
        boolean reached = awaitCursor(userId, cursor, deadline);
        for (String conversationId : recentWrites.of(userId)) {
            long stored = lastStored(conversationId);
            reached &= await(() -> projected(conversationId) >= stored, deadline);
        }
        return reached;
    }

    /**
     * For reads from the event store itself: false when the conversation's log did not reach
     * {@code minSequence} (written through another node meanwhile, say) by {@code deadline}.
     */
    public boolean awaitStored(String conversationId, Long minSequence, long deadline) {
        return minSequence == null || await(() -> lastStored(conversationId) >= minSequence, deadline);
    }

    /**
     * False when the user's views did not reach, by {@code deadline}, {@code cursor} (a sync cursor position, or
     * null) or the user's own last private event in the event store (read-your-writes for archive, clear, ...).
     */
    public boolean awaitCursor(String userId, SyncCursors.SyncPosition cursor, long deadline) {
        long stored = userLog.lastSequence(userId);
        long userEvents = Math.max(stored, cursor == null ? 0 : cursor.userEvents());
        boolean reached = userEvents == 0 || await(() -> lastUserEvent(userId) >= userEvents, deadline);
        return reached & (cursor == null || await(() -> lastCursor(userId) >= cursor.changes(), deadline));
    }

    /** The last of the user's own events the views have applied (0 if none). */
    public long lastUserEvent(String userId) {
        return Sql.query(database.dataSource(), "SELECT last_sequence FROM user_view WHERE user_id = ?",
                rows -> rows.next() ? rows.getLong(1) : 0L, userId);
    }

    /** The highest change cursor the views have handed to this user (0 if none). */
    public long lastCursor(String userId) {
        return Sql.query(database.dataSource(), "SELECT COALESCE(MAX(change_cursor), 0) FROM inbox_view WHERE user_id = ?",
                rows -> rows.next() ? rows.getLong(1) : 0L, userId);
    }

    private long projected(String conversationId) {
        return Sql.query(database.dataSource(), "SELECT last_sequence FROM conversation_view WHERE conversation_id = ?",
                rows -> rows.next() ? rows.getLong(1) : 0L, conversationId);
    }

    private long lastStored(String conversationId) {
        return log.lastSequence(conversationId);
    }

    private boolean await(BooleanSupplier reached, long deadline) {
        while (!reached.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            commits.awaitNext(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
        return true;
    }
}
