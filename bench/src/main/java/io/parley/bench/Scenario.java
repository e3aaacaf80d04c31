package io.parley.bench;

import java.util.Locale;

/** Who writes where. */
enum Scenario {
    /** Users spread over many small conversations (2–5 participants); each send goes to one of the sender's own. */
    MANY,
    /** Every sender writes into one conversation: the worst case for a per-conversation ordered log. */
    HOT;

    static Scenario parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--scenario must be many or hot, not " + value);
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
