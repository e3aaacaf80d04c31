package io.parley.user;

import io.parley.conversation.Rejection;

/** A command broke a rule of the user's private state; nothing was appended. */
public class UserRejectedException extends RuntimeException {
    private final Rejection rejection;
    private final long lastSequence;

    public UserRejectedException(Rejection rejection, String detail) {
        this(rejection, detail, -1);
    }

    public UserRejectedException(Rejection rejection, String detail, long lastSequence) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.lastSequence = lastSequence;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The user's last sequence (0 before any event), for {@link Rejection#PRECONDITION_FAILED}; -1 otherwise. */
    public long lastSequence() {
        return lastSequence;
    }

    static UserRejectedException invalid(String detail) {
        return new UserRejectedException(Rejection.VALIDATION_FAILED, detail);
    }
}
