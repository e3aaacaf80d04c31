package io.parley.conversation;

/** Why a command was refused; each maps to one stable API error code. */
public enum Rejection {
    NOT_FOUND,
    FORBIDDEN,
    VALIDATION_FAILED,
    CONFLICT,
    /** {@code If-Match} named a sequence that is no longer the conversation's last. */
    PRECONDITION_FAILED
}
