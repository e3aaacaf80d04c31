package io.parley.conversation;

/** A command broke a rule of the conversation; nothing was appended. */
public class ConversationRejectedException extends RuntimeException {
    private final Rejection rejection;

    public ConversationRejectedException(Rejection rejection, String detail) {
        super(detail, null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }

    static ConversationRejectedException notFound(String conversationId) {
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
