package io.parley.stream;

import io.micronaut.context.annotation.Requires;
import io.parley.config.StreamSettings;
import io.parley.config.Roles;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import io.parley.presence.PresenceStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Presence from live sessions (issue: "a user with at least one live session is online"): this gateway notes in
 * {@code stream_connection} how many sessions each user has here. A user's first session anywhere makes them online;
 * when their last one closes, they are offline after {@code parley.stream.presence-grace} unless one opened again.
 * Every gateway notes itself alive in {@code gateway_heartbeat}; the connections of one that stopped for
 * {@code parley.stream.gateway-timeout} (a crash) are taken as closed by the others.
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
public class ConnectionPresence {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPresence.class);
    private static final String ADD = """
            MERGE INTO stream_connection t
            USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(255)))) AS s(gateway_id, user_id)
            ON t.gateway_id = s.gateway_id AND t.user_id = s.user_id
            WHEN MATCHED THEN UPDATE SET sessions = t.sessions + 1
            WHEN NOT MATCHED THEN INSERT (gateway_id, user_id, sessions) VALUES (s.gateway_id, s.user_id, 1)""";
    private final String gatewayId = UUID.randomUUID().toString();
    private final Database database;
    private final PresenceStore presence;
    private final Duration grace;
    private final Duration gatewayTimeout;
    private final Map<String, Integer> local = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-presence");
        thread.setDaemon(true);
        return thread;
    });

    ConnectionPresence(Database database, PresenceStore presence, StreamSettings settings) {
        this.database = database;
        this.presence = presence;
        this.grace = settings.presenceGrace();
        this.gatewayTimeout = settings.gatewayTimeout();
        heartbeat();
        // six times per gateway timeout (every 5 s by default), on this bean's own timer thread, stopped with it
        // (see io.parley.scheduling.Periodic for why not @Scheduled)
        long heartbeatMillis = Math.max(10, gatewayTimeout.toMillis() / 6);
        timers.scheduleWithFixedDelay(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /** A session of the user opened here; off the caller's thread. */
    void opened(String userId) {
        timers.execute(() -> {
            boolean first = local.merge(userId, 1, Integer::sum) == 1;
            boolean elsewhere = sessionsElsewhere(userId);
            update(ADD, gatewayId, userId);
            if (first && !elsewhere) {
                presence.change(userId, true);
            }
        });
    }

    /** A session of the user closed here: after the grace period, offline if none is open anywhere. */
    void closed(String userId) {
        timers.execute(() -> {
            Integer left = local.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
            update("UPDATE stream_connection SET sessions = sessions - 1 WHERE gateway_id = ? AND user_id = ?",
                    gatewayId, userId);
            update("DELETE FROM stream_connection WHERE gateway_id = ? AND user_id = ? AND sessions <= 0",
                    gatewayId, userId);
            if (left == null) {
                timers.schedule(() -> offlineUnlessBack(userId), grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void offlineUnlessBack(String userId) {
        if (!local.containsKey(userId) && !sessionsElsewhere(userId)) {
            presence.change(userId, false);
        }
    }

    private boolean sessionsElsewhere(String userId) {
        return Sql.query(database.dataSource(), "SELECT 1 FROM stream_connection WHERE user_id = ? AND gateway_id <> ? "
                + "AND sessions > 0", java.sql.ResultSet::next, userId, gatewayId);
    }

    /** Notes this gateway alive, and takes the connections of gateways silent too long as closed. */
    void heartbeat() {
        try {
            long now = System.currentTimeMillis();
            update("""
                    MERGE INTO gateway_heartbeat t
                    USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS BIGINT))) AS s(gateway_id, seen_at_millis)
                    ON t.gateway_id = s.gateway_id
                    WHEN MATCHED THEN UPDATE SET seen_at_millis = s.seen_at_millis
                    WHEN NOT MATCHED THEN INSERT (gateway_id, seen_at_millis) VALUES (s.gateway_id, s.seen_at_millis)""",
                    gatewayId, now);
            List<String> gone = Sql.query(database.dataSource(), "SELECT gateway_id FROM gateway_heartbeat WHERE "
                    + "seen_at_millis < ?", rows -> {
                List<String> ids = new ArrayList<>();
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
                return ids;
            }, now - gatewayTimeout.toMillis());
            for (String gateway : gone) {
                takeOver(gateway);
            }
        } catch (RuntimeException e) {
            LOG.warn("Presence: heartbeat failed; the next one tries again: {}", e.toString());
        }
    }

    private void takeOver(String gateway) {
        List<String> users = Sql.query(database.dataSource(), "SELECT user_id FROM stream_connection WHERE gateway_id = ?",
                rows -> {
                    List<String> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                    return ids;
                }, gateway);
        update("DELETE FROM stream_connection WHERE gateway_id = ?", gateway);
        update("DELETE FROM gateway_heartbeat WHERE gateway_id = ?", gateway);
        LOG.info("Presence: gateway {} stopped noting itself alive; its {} users' sessions are taken as closed",
                gateway, users.size());
        for (String userId : users) {
            if (!local.containsKey(userId) && !sessionsElsewhere(userId)) {
                presence.change(userId, false);
            }
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.dataSource().getConnection()) {
            Sql.update(connection, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("presence update failed", e);
        }
    }

    @PreDestroy
    void close() {
        // a clean stop closes this gateway's sessions: its users' presence follows as for any close
        timers.shutdown();
        try {
            timers.awaitTermination(2, TimeUnit.SECONDS);
            update("DELETE FROM stream_connection WHERE gateway_id = ?", gatewayId);
            update("DELETE FROM gateway_heartbeat WHERE gateway_id = ?", gatewayId);
        } catch (InterruptedException | RuntimeException e) {
            LOG.debug("Presence: not cleaned up at stop ({}); the other gateways take over", e.toString());
        }
    }
}
