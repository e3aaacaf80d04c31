package io.parley.crash;

import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Senders as a client app with a retry policy behaves: each message gets a {@code messageId}, and a send
 * that fails (connection refused or reset, a timeout, a 5xx) is sent again with the same id and body until
 * the server acknowledges it with a 201. Every acknowledgement is recorded.
 */
final class RetryingSenders implements AutoCloseable {
    /** A 201 the server gave: {@code afterFailure} when an earlier attempt of the same message had failed. */
    record Acknowledged(String conversationId, String messageId, long sequence, boolean afterFailure) {
    }

    /** Between attempts while the server is down: the retry policy of the client, not synchronisation. */
    private static final Duration BACKOFF = Duration.ofMillis(100);
    private final ApiClient api;
    private final String token;
    private final List<String> conversations;
    private final Map<String, Acknowledged> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong acknowledgedCount = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicReference<String> unexpected = new AtomicReference<>();
    private ExecutorService pool;
    private volatile boolean running;

    RetryingSenders(ApiClient api, String token, List<String> conversations) {
        this.api = api;
        this.token = token;
        this.conversations = List.copyOf(conversations);
    }

    static String body(String messageId) {
        return "{\"messageId\":\"" + messageId + "\",\"text\":\"kill -9 " + messageId + "\"}";
    }

    void start(int threads, long seed) {
        running = true;
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            pool.submit(() -> sendUntilStopped(random));
        }
    }

    private void sendUntilStopped(Random random) {
        while (running && unexpected.get() == null) {
            String conversationId = conversations.get(random.nextInt(conversations.size()));
            String messageId = new UUID(random.nextLong(), random.nextLong()).toString();
            Acknowledged ack = sendUntilAcknowledged(conversationId, messageId);
            if (ack != null) {
                acknowledged.put(messageId, ack);
                acknowledgedCount.incrementAndGet();
            }
        }
    }

    private Acknowledged sendUntilAcknowledged(String conversationId, String messageId) {
        boolean failedBefore = false;
        while (unexpected.get() == null) {
            try {
                Response response = api.post("/v1/conversations/" + conversationId + "/messages", token,
                        body(messageId));
                if (response.status() == 201) {
                    return new Acknowledged(conversationId, messageId, response.body().get("sequence").asLong(),
                            failedBefore);
                }
                if (response.status() < 500) {
                    unexpected.compareAndSet(null, "send " + messageId + " to " + conversationId + ": " + response);
                    return null;
                }
            } catch (UncheckedIOException e) {
                // the server is down or restarting: the outcome of this attempt is unknown
            }
            failedBefore = true;
            failedAttempts.incrementAndGet();
            LockSupport.parkNanos(BACKOFF.toNanos());
        }
        return null;
    }

    long acknowledgedCount() {
        return acknowledgedCount.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    /** A response no retry policy should meet (a 4xx), or null. */
    String unexpected() {
        return unexpected.get();
    }

    /** What was acknowledged so far, by messageId. */
    Map<String, Acknowledged> acknowledged() {
        return Map.copyOf(acknowledged);
    }

    /** Stops after each sender's message in flight is acknowledged. */
    void stop() throws InterruptedException {
        running = false;
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("senders did not finish their messages in flight");
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
