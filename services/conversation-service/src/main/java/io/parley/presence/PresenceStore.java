package io.parley.presence;

import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import io.parley.kafka.EphemeralPublisher;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The last presence status each user set ({@code user_presence}): read by user reads and batch get on every node.
 * Not an event (API.md: presence is never in the event store). A later change wins; an older one arriving late
 * (two devices) does not overwrite it. The live stream changes it as the user's sessions come and go
 * ({@code io.parley.stream.ConnectionPresence}); an explicit status set meanwhile holds until the next change.
 */
@Singleton
public class PresenceStore {
    private static final String UPSERT = """
            MERGE INTO user_presence t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BOOLEAN), CAST(? AS BIGINT))) AS s(user_id, online, at)
            ON t.user_id = s.user_id
            WHEN MATCHED AND t.changed_at_millis <= s.at THEN UPDATE SET online = s.online, changed_at_millis = s.at
            WHEN NOT MATCHED THEN INSERT (user_id, online, changed_at_millis) VALUES (s.user_id, s.online, s.at)""";
    private final Database database;
    private final EphemeralPublisher publisher;

    PresenceStore(Database database, EphemeralPublisher publisher) {
        this.database = database;
        this.publisher = publisher;
    }

    /** The user's presence changes now: stored, and published for subscribers and the user's other sessions. */
    public Instant change(String userId, boolean online) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        set(userId, online, now);
        publisher.presence(userId, online, now);
        return now;
    }

    private void set(String userId, boolean online, Instant at) {
        try (Connection connection = database.dataSource().getConnection()) {
            Sql.update(connection, UPSERT, userId, online, at.toEpochMilli());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the presence of " + userId, e);
        }
    }
}
