package io.parley;

import io.micronaut.runtime.Micronaut;

/** Parley: an event-sourced conversation service. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
