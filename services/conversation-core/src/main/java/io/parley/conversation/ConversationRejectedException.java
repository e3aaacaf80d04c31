package io.parley.conversation;

/** A command broke a rule of the conversation; nothing was appended. */
public class ConversationRejectedException extends RuntimeException {
    private final Rejection rejection;
    private final long lastSequence;

    public ConversationRejectedException(Rejection rejection, String detail) {
        this(rejection, detail, -1);
    }

    public ConversationRejectedException(Rejection rejection, String detail, long lastSequence) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.lastSequence = lastSequence;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The conversation's last sequence, for {@link Rejection#PRECONDITION_FAILED}; -1 otherwise. */
    public long lastSequence() {
        return lastSequence;
    }

    public static ConversationRejectedException notFound(String conversationId) {
        return new ConversationRejectedException(Rejection.NOT_FOUND, "conversation " + conversationId + " not found");
    }

    static ConversationRejectedException forbidden(String detail) {
        return new ConversationRejectedException(Rejection.FORBIDDEN, detail);
    }

    static ConversationRejectedException invalid(String detail) {
        return new ConversationRejectedException(Rejection.VALIDATION_FAILED, detail);
    }

    static ConversationRejectedException conflict(String detail) {
        return new ConversationRejectedException(Rejection.CONFLICT, detail);
    }
}
