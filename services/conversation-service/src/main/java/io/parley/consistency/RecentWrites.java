package io.parley.consistency;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conversations each user wrote to through this process in the last few seconds, so that their reads
 * that span conversations (inbox, sync, batch get) can wait for the views to reach those writes without a
 * {@code minCursor}. Per process: a client that writes through one node and reads through another relies
 * on the per-conversation checks against the event store, or on {@code minCursor}.
 */
@Singleton
public class RecentWrites {
    /** Far longer than the views normally lag; a read waits at most 2 s for them anyway. */
    private static final Duration REMEMBERED = Duration.ofSeconds(30);
    private static final int PER_USER = 64;
    private final Map<String, Map<String, Long>> byUser = new ConcurrentHashMap<>();

    public void wrote(String userId, String conversationId) {
        Map<String, Long> conversations = byUser.computeIfAbsent(userId, user -> new ConcurrentHashMap<>());
        conversations.put(conversationId, System.nanoTime());
        if (conversations.size() > PER_USER) {
            forgetOld(conversations);
        }
    }

    /** The conversations the user wrote to recently, most recent first. */
    public List<String> of(String userId) {
        Map<String, Long> conversations = byUser.get(userId);
        if (conversations == null) {
            return List.of();
        }
        forgetOld(conversations);
        return conversations.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(PER_USER).map(Map.Entry::getKey).toList();
    }

    private static void forgetOld(Map<String, Long> conversations) {
        long oldest = System.nanoTime() - REMEMBERED.toNanos();
        conversations.values().removeIf(at -> at - oldest < 0);
    }
}
