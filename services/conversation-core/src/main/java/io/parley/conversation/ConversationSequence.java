package io.parley.conversation;

/**
 * The one place where Axon's 0-based aggregate sequence numbers become Parley's 1-based
 * conversation sequences (creation is sequence 1) and back.
 */
public final class ConversationSequence {
    private ConversationSequence() {
    }

    /** The conversation sequence of the event Axon numbered {@code axonSequenceNumber}. */
    public static long fromAxon(long axonSequenceNumber) {
        return axonSequenceNumber + 1;
    }

    /** Axon's sequence number of the event at conversation sequence {@code sequence}. */
    public static long toAxon(long sequence) {
        return sequence - 1;
    }
}
