package io.parley.presence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.http.Caller;
import io.parley.kafka.EphemeralPublisher;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/**
 * "Typing" announcements (API.md, Live stream), from the stream or {@code POST /v1/conversations/{id}/typing}: from an
 * active participant only, at most one per user and conversation every 2 s (per process; the rest are dropped),
 * published on {@code parley.ephemeral.v1} for the gateways. Never stored, never in {@code /events}.
 */
@Singleton
public class TypingSignals {
    static final Duration THROTTLE = Duration.ofSeconds(2);
    private final EphemeralPublisher publisher;
    private final Database database;
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().expireAfterWrite(THROTTLE)
            .maximumSize(100_000).build();

    TypingSignals(EphemeralPublisher publisher, Database database) {
        this.publisher = publisher;
        this.database = database;
    }

    /** False when the caller is no active participant of the conversation (nothing published). */
    public boolean announce(String conversationId, Caller caller) {
        boolean active = Sql.query(database.dataSource(), "SELECT 1 FROM participant_view WHERE conversation_id = ? AND "
                + "user_id = ? AND active = TRUE", java.sql.ResultSet::next, conversationId, caller.userId());
        if (!active) {
            return false;
        }
        if (recent.asMap().putIfAbsent(conversationId + "\n" + caller.userId(), Boolean.TRUE) == null) {
            publisher.typing(conversationId, caller.userId(), Instant.now());
        }
        return true;
    }
}
