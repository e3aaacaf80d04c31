package io.parley.scheduling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run every interval (after the last run ended) on a thread the owning bean starts and stops with itself.
 * Not Micronaut's {@code @Scheduled}: its scheduler asks the context for the bean at every run, and a run during
 * shutdown created again beans that had just been destroyed (a second embedded broker that kept the first's lock, a
 * database pool nobody closed).
 */
public final class Periodic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Periodic.class);
    private final String name;
    private final ScheduledExecutorService executor;

    private Periodic(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs {@code task} every {@code interval}, the first time one interval from now. */
    public static Periodic every(String name, Duration interval, Runnable task) {
        Periodic periodic = new Periodic(name);
        periodic.executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // a failed run must not end the schedule
                LOG.warn("{}: a run failed, the next one is in {}: {}", name, interval, e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return periodic;
    }

    /** Stops the schedule and waits up to 5 s for a run in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("{}: a run still going after 5 s at stop", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
