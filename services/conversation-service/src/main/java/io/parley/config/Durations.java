package io.parley.config;

import java.time.Duration;

/** Checks of duration settings that bean validation has no constraint for. */
final class Durations {
    private Durations() {
    }

    /** Fails naming the setting when {@code value} is zero or negative. */
    static void positive(String setting, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException(setting + " must be longer than zero, got " + value);
        }
    }
}
