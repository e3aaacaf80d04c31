package io.parley.conversation.model;

/**
 * The sequences of a conversation's log that one user may read, {@code from..to} inclusive
 * ({@code to} is {@link Long#MAX_VALUE} while the range is open). Decided by {@link Visibility}.
 */
public record ReadableRange(long from, long to) {
    /** All of the log: an admin, or anyone in a public conversation they are not in. */
    public static final ReadableRange ALL = new ReadableRange(1, Long.MAX_VALUE);

    public boolean contains(long sequence) {
        return sequence >= from && sequence <= to;
    }

    /** Whether the range ends before the log does: the reader was taken out (left or was removed) at {@code to}. */
    public boolean ended() {
        return to != Long.MAX_VALUE;
    }

    /** The range cut at {@code sequence}: what of it a view that has reached {@code sequence} can show. */
    public ReadableRange upTo(long sequence) {
        return new ReadableRange(from, Math.min(to, sequence));
    }

    /**
     * Where unread counting starts for a reader whose read horizon is {@code lastRead}: above it, and never
     * before what they may read (a late joiner's horizon set below their join counts from the join).
     */
    public long unreadHorizon(long lastRead) {
        return Math.max(lastRead, from - 1);
    }
}
