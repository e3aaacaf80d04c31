package io.parley.user.command;

/**
 * What every command on a user's private state carries: whose state, and optionally the sequence the
 * caller believes is the user's last ({@code If-Match}; 0 before any event). When the user's stream has
 * moved on, nothing is applied and the command is rejected with {@code PRECONDITION_FAILED} and the
 * current last sequence; a negative value never matches.
 * <p>
 * Each command record resolves its target aggregate with a {@code @TargetAggregateIdentifier}
 * method {@code aggregateId()}: the user's stream id, {@code "user/" + userId}.
 */
public interface UserCommand {
    String userId();

    /** The expected last sequence of the user's stream, or null to apply whatever happened meanwhile. */
    Long ifMatch();
}
