package io.parley.crash;

import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A client that favourites messages it saw acknowledged while the server is being killed: each favourite is a
 * user event of the client's own log. A failed attempt is repeated until answered; every answer is recorded.
 */
final class RetryingFavourites implements AutoCloseable {
    /** An answer: the user's last sequence after it, and whether this attempt appended the event. */
    record Favourited(String conversationId, String messageId, long lastSequence, boolean appended) {
    }

    private static final Duration BACKOFF = Duration.ofMillis(100);
    private final ApiClient api;
    private final String token;
    private final Supplier<List<RetryingSenders.Acknowledged>> messages;
    private final Map<String, Favourited> favourited = new ConcurrentHashMap<>();
    private final AtomicReference<String> unexpected = new AtomicReference<>();
    private ExecutorService pool;
    private volatile boolean running;

    RetryingFavourites(ApiClient api, String token, Supplier<List<RetryingSenders.Acknowledged>> messages) {
        this.api = api;
        this.token = token;
        this.messages = messages;
    }

    void start(long seed) {
        running = true;
        pool = Executors.newSingleThreadExecutor();
        Random random = new Random(seed);
        pool.submit(() -> {
            while (running && unexpected.get() == null) {
                List<RetryingSenders.Acknowledged> candidates = messages.get();
                if (candidates.isEmpty()) {
                    LockSupport.parkNanos(BACKOFF.toNanos());
                    continue;
                }
                RetryingSenders.Acknowledged message = candidates.get(random.nextInt(candidates.size()));
                if (!favourited.containsKey(message.messageId())) {
                    favourite(message);
                }
            }
        });
    }

    private void favourite(RetryingSenders.Acknowledged message) {
        String path = "/v1/users/me/favourites/" + message.conversationId() + "/" + message.messageId();
        while (unexpected.get() == null) {
            try {
                Response response = api.put(path, token, null);
                if (response.status() == 200) {
                    favourited.put(message.messageId(), new Favourited(message.conversationId(), message.messageId(),
                            response.body().get("lastSequence").asLong(), response.body().get("appended").asBoolean()));
                    return;
                }
                if (response.status() < 500) {
                    unexpected.compareAndSet(null, "favourite " + message + ": " + response);
                    return;
                }
            } catch (UncheckedIOException e) {
                // the server is down or restarting: the outcome of this attempt is unknown
            }
            LockSupport.parkNanos(BACKOFF.toNanos());
        }
    }

    String unexpected() {
        return unexpected.get();
    }

    List<Favourited> favourited() {
        return new ArrayList<>(favourited.values());
    }

    /** Stops after the favourite in flight is answered. */
    void stop() throws InterruptedException {
        running = false;
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the favourite in flight was not answered");
        }
    }

    @Override
    public void close() {
        running = false;
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
