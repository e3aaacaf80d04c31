package io.parley.conversation.model;

/** The sequences of a conversation's log that one user may read, {@code from..to} inclusive. */
public record ReadableRange(long from, long to) {
    public boolean contains(long sequence) {
        return sequence >= from && sequence <= to;
    }
}
