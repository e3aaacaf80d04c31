package io.parley.conversation.model;

/** The sequences of a conversation's log that one user may read, {@code from..to} inclusive. */
public record ReadableRange(long from, long to) {
    public boolean contains(long sequence) {
        return sequence >= from && sequence <= to;
    }

    /** Whether the range ends before the log does: the reader was taken out (left or was removed) at {@code to}. */
    public boolean ended() {
        return to != Long.MAX_VALUE;
    }
}
