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
        // with JSON logs every line of the output is a JSON object: no banner
        Micronaut.build(args).mainClass(Application.class)
                .banner(!"json".equals(System.getenv("PARLEY_LOG_FORMAT"))).start();
    }
}
