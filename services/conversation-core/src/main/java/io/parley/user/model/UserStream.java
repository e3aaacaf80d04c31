package io.parley.user.model;

import java.util.Objects;

/**
 * The one place where a user id becomes the identifier of that user's private stream and back.
 * <p>
 * Users share the event store with conversations, whose ids are 1–128 of {@code [A-Za-z0-9_\-.:@]}.
 * A user's aggregate id is {@code "user/" + userId}: a {@code '/'} is never part of a conversation id,
 * so the two kinds of stream can never claim the same identifier.
 */
public final class UserStream {
    /** The aggregate type Axon stores with every event of a user's stream: the aggregate class's simple name. */
    public static final String AGGREGATE_TYPE = "User";

    private static final String PREFIX = "user/";

    private UserStream() {
    }

    /** {@code "alice"} → {@code "user/alice"}. */
    public static String aggregateId(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isEmpty()) {
            throw new IllegalArgumentException("a user id is never empty");
        }
        return PREFIX + userId;
    }

    /**
     * {@code "user/alice"} → {@code "alice"}.
     *
     * @throws IllegalArgumentException when {@code aggregateId} is no user stream's identifier
     */
    public static String userId(String aggregateId) {
        Objects.requireNonNull(aggregateId, "aggregateId");
        if (!aggregateId.startsWith(PREFIX) || aggregateId.length() == PREFIX.length()) {
            throw new IllegalArgumentException(aggregateId + " is not the identifier of a user's stream");
        }
        return aggregateId.substring(PREFIX.length());
    }
}
