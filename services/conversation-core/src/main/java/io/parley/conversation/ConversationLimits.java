package io.parley.conversation;

/** The configurable limits the aggregate enforces itself (the others are checked at the boundary). */
public interface ConversationLimits {
    /** API.md: 5,000 by default. */
    int maxParticipants();

    static ConversationLimits defaults() {
        return () -> 5000;
    }
}
