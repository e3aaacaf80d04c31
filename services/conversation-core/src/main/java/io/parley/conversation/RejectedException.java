package io.parley.conversation;

/**
 * A command broke a rule of its aggregate (a conversation, a user's private state), or a read asked for what the
 * caller may not see; nothing was appended. Each {@link Rejection} maps to one stable API error code.
 */
public abstract class RejectedException extends RuntimeException {
    private final Rejection rejection;
    private final long lastSequence;

    protected RejectedException(Rejection rejection, String detail, long lastSequence) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.lastSequence = lastSequence;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The aggregate's last sequence, for {@link Rejection#PRECONDITION_FAILED}; -1 otherwise. */
    public long lastSequence() {
        return lastSequence;
    }
}
