package io.parley.conversation;

/** A command broke a rule of the conversation; nothing was appended. */
public class ConversationRejectedException extends RejectedException {

    public ConversationRejectedException(Rejection rejection, String detail) {
        this(rejection, detail, -1);
    }

    /** {@code lastSequence}: the conversation's, for {@link Rejection#PRECONDITION_FAILED}; -1 otherwise. */
    public ConversationRejectedException(Rejection rejection, String detail, long lastSequence) {
        super(rejection, detail, lastSequence);
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
