package io.parley;

import io.micronaut.runtime.Micronaut;
import io.parley.startup.Migration;

/** Parley: an event-sourced conversation service. {@code PARLEY_ROLES=migrate} migrates and exits. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        if (Migration.requested(args)) {
            System.exit(Migration.run(args));
        }
        Micronaut.run(Application.class, args);
    }
}
