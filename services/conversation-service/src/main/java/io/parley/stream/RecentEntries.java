package io.parley.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conversations each user came into (created with, added, joined) that this gateway saw published in the last
 * {@value #HOURS} hour, with the event that brought them in. A resume by sync cursor reads the user's conversations
 * from the views, which may not have applied such an event yet, while the live feed has passed it: the session
 * follows these from that event instead ({@link StreamHub#resume(StreamSession, io.parley.read.visibility.SyncCursors.SyncPosition)}).
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
class RecentEntries {
    static final int HOURS = 1;
    private final Cache<String, Map<String, Long>> byUser = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(HOURS))
            .maximumSize(100_000)
            .build();

    void entered(String userId, String conversationId, long sequence) {
        byUser.get(userId, user -> new ConcurrentHashMap<>()).merge(conversationId, sequence, Math::max);
    }

    /** Conversation id to the sequence of the last event that brought the user in. */
    Map<String, Long> of(String userId) {
        Map<String, Long> entries = byUser.getIfPresent(userId);
        return entries == null ? Map.of() : Map.copyOf(entries);
    }
}
