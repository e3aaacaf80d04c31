package io.parley.consistency;

import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Tells reads waiting for the views (read-your-writes) that the projector of this process committed, so
 * they look again at once instead of polling.
 */
@Singleton
public class ViewCommits {
    private long commits;

    public synchronized void committed() {
        commits++;
        notifyAll();
    }

    /** Returns at the next commit, or after {@code atMost}, whichever is first. */
    public synchronized void awaitNext(Duration atMost) {
        long seen = commits;
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            for (long left = atMost.toNanos(); commits == seen && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
