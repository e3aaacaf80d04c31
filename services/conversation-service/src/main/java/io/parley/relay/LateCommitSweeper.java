package io.parley.relay;

import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import io.parley.scheduling.Periodic;
import jakarta.annotation.PreDestroy;
import io.parley.config.RelaySettings;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Drives {@link EventRelay#sweep}: it notes the event store's highest committed global index
 * every interval, and once {@code late-commit-window} has passed since a note, every index below it
 * was either committed or abandoned (an append transaction does not stay open longer than that), so
 * that range is checked once for events the event stream skipped.
 */
@Context
@Requires(property = "parley.roles", pattern = Roles.RELAY)
class LateCommitSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(LateCommitSweeper.class);
    private final EventRelay relay;
    private final Duration window;
    private final Clock clock = Clock.systemUTC();
    private final Deque<Note> notes = new ArrayDeque<>();

    private final Periodic schedule;

    LateCommitSweeper(EventRelay relay, RelaySettings settings) {
        this.relay = relay;
        this.window = settings.lateCommitWindow();
        this.schedule = Periodic.every("parley-relay-sweep", settings.sweepInterval(), this::sweep);
    }

    @PreDestroy
    void stop() {
        schedule.close();
    }

    void sweep() {
        try {
            Instant now = clock.instant();
            notes.addLast(new Note(now, relay.headIndex()));
            long settled = -1;
            while (!notes.isEmpty() && !notes.peekFirst().at().isAfter(now.minus(window))) {
                settled = notes.removeFirst().headIndex();
            }
            if (settled > 0) {
                relay.sweep(settled);
            }
        } catch (RuntimeException e) {
            LOG.error("Relay sweep failed; it runs again in the next interval", e);
        }
    }

    private record Note(Instant at, long headIndex) {
    }
}
