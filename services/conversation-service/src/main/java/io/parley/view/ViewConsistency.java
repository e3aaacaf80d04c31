package io.parley.view;

import io.parley.conversation.ConversationSequence;
import io.parley.conversation.model.ReadableRange;
import io.parley.http.RecentWrites;
import io.parley.projection.ViewCommits;
import jakarta.inject.Singleton;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Read-your-writes on the views. A read waits up to 2 s for them to reach what the event store already
 * holds (the conversation's last sequence as far as the caller may read it; for the reads spanning
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
    private final ConversationViews conversations;
    private final InboxViews inbox;
    private final EventStorageEngine storageEngine;
    private final ViewCommits commits;
    private final RecentWrites recentWrites;

    ViewConsistency(ConversationViews conversations, InboxViews inbox, EventStorageEngine storageEngine,
                    ViewCommits commits, RecentWrites recentWrites) {
        this.conversations = conversations;
        this.inbox = inbox;
        this.storageEngine = storageEngine;
        this.commits = commits;
        this.recentWrites = recentWrites;
    }

    /** When a read gives up waiting: one deadline for all the waits of a request. */
    public static long deadline() {
        return System.nanoTime() + MAX_WAIT.toNanos();
    }

    /**
     * False when the conversation's views did not reach, by {@code deadline}, both {@code minSequence} and
     * the last sequence in the event store that lies in {@code readable}.
     */
    public boolean awaitConversation(String conversationId, ReadableRange readable, Long minSequence,
                                     long deadline) {
        long stored = Math.min(readable.to(), lastStored(conversationId));
        long target = Math.max(stored, minSequence == null ? 0 : minSequence);
        return target == 0 || await(() -> projected(conversationId) >= target, deadline);
    }

    /**
     * False when, by {@code deadline}, the user's views did not reach {@code cursor} (a sync cursor
     * position, or null) or the views of a conversation the user wrote to recently did not reach its last
     * stored sequence.
     */
    public boolean awaitUser(String userId, Long cursor, long deadline) {
        boolean reached = awaitCursor(userId, cursor, deadline);
        for (String conversationId : recentWrites.of(userId)) {
            long stored = lastStored(conversationId);
            reached &= await(() -> projected(conversationId) >= stored, deadline);
        }
        return reached;
    }

    /** False when the user's views did not reach {@code cursor} (a sync cursor position) by {@code deadline}. */
    public boolean awaitCursor(String userId, Long cursor, long deadline) {
        return cursor == null || await(() -> inbox.lastCursor(userId) >= cursor, deadline);
    }

    /**
     * For reads from the event store itself, which is never behind an acknowledged write: false when the
     * conversation's log did not reach {@code minSequence} (written through another node meanwhile, say)
     * by {@code deadline}.
     */
    public boolean awaitStored(String conversationId, Long minSequence, long deadline) {
        return minSequence == null || await(() -> lastStored(conversationId) >= minSequence, deadline);
    }

    private long projected(String conversationId) {
        return conversations.conversation(conversationId).map(ConversationViews.Conversation::lastSequence)
                .orElse(0L);
    }

    private long lastStored(String conversationId) {
        return storageEngine.lastSequenceNumberFor(conversationId).map(ConversationSequence::fromAxon).orElse(0L);
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
