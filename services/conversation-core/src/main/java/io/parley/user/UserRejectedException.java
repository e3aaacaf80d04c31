package io.parley.user;

import io.parley.conversation.RejectedException;
import io.parley.conversation.Rejection;

/** A command broke a rule of the user's private state; nothing was appended. */
public class UserRejectedException extends RejectedException {

    public UserRejectedException(Rejection rejection, String detail) {
        this(rejection, detail, -1);
    }

    /** {@code lastSequence}: the user's (0 before any event), for {@link Rejection#PRECONDITION_FAILED}; -1 otherwise. */
    public UserRejectedException(Rejection rejection, String detail, long lastSequence) {
        super(rejection, detail, lastSequence);
    }

    static UserRejectedException invalid(String detail) {
        return new UserRejectedException(Rejection.VALIDATION_FAILED, detail);
    }
}
