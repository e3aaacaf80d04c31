package io.parley.view;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes on the views: a read waits up to 2 s for them to reach a conversation sequence
 * ({@code minSequence}) or a sync cursor ({@code minCursor}); if they do not, it answers anyway and says
 * {@code Parley-Consistency: pending}.
 */
@Singleton
public class ViewConsistency {
    public static final String HEADER = "Parley-Consistency";
    public static final String PENDING = "pending";
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(10);
    private final ConversationViews conversations;
    private final InboxViews inbox;

    ViewConsistency(ConversationViews conversations, InboxViews inbox) {
        this.conversations = conversations;
        this.inbox = inbox;
    }

    /** False when the conversation's views did not reach {@code minSequence} within 2 s. */
    public boolean awaitSequence(String conversationId, Long minSequence) {
        return minSequence == null || await(() -> conversations.conversation(conversationId)
                .map(c -> c.lastSequence() >= minSequence).orElse(false));
    }

    /** False when the user's views did not reach {@code cursor} (a sync cursor position) within 2 s. */
    public boolean awaitCursor(String userId, Long cursor) {
        return cursor == null || await(() -> inbox.lastCursor(userId) >= cursor);
    }

    private static boolean await(java.util.function.BooleanSupplier reached) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return true;
    }
}
