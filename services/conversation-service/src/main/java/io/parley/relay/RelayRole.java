package io.parley.relay;

/** The {@code PARLEY_ROLES} entry that runs the relay, as a pattern for {@code @Requires}. */
final class RelayRole {
    static final String PATTERN = "(.*,)?\\s*relay\\s*(,.*)?";

    private RelayRole() {
    }
}
