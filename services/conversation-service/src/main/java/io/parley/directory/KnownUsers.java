package io.parley.directory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every user the service has seen (issue: "a user exists from their first token use or first mention"):
 * {@code known_user}. A token's first use in this process is recorded off the request thread; a mention in a
 * conversation (created with, added, joined) by the projector, in its transaction ({@link #record}). Only ids
 * are kept.
 */
@Singleton
public class KnownUsers {
    private static final Logger LOG = LoggerFactory.getLogger(KnownUsers.class);
    private static final String INSERT_IF_ABSENT = """
            MERGE INTO known_user t
            USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS BIGINT))) AS s(user_id, first_seen_millis)
            ON t.user_id = s.user_id
            WHEN NOT MATCHED THEN INSERT (user_id, first_seen_millis) VALUES (s.user_id, s.first_seen_millis)""";
    private final Database database;
    /** Ids recorded by this process: a token used again costs nothing. */
    private final Cache<String, Boolean> recorded = Caffeine.newBuilder().maximumSize(100_000).build();
    private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), runnable -> {
        Thread thread = new Thread(runnable, "parley-known-users");
        thread.setDaemon(true);
        return thread;
    }, new ThreadPoolExecutor.DiscardPolicy());

    KnownUsers(Database database) {
        this.database = database;
    }

    /** A token of {@code userId} was used: recorded soon after, never on the caller's thread. */
    public void tokenUsed(String userId) {
        if (recorded.getIfPresent(userId) != null) {
            return;
        }
        writer.execute(() -> {
            try (Connection connection = database.dataSource().getConnection()) {
                record(connection, List.of(userId));
                recorded.put(userId, Boolean.TRUE);
            } catch (SQLException | RuntimeException e) {
                // a concurrent first use from another process inserted it; or the database is away: next use retries
                LOG.debug("Known users: {} not recorded this time: {}", userId, e.toString());
            }
        });
    }

    /** Records users named in conversation events, on the caller's connection and transaction (the projector's). */
    public static void record(Connection connection, Collection<String> userIds) throws SQLException {
        long now = System.currentTimeMillis();
        List<Object[]> rows = new ArrayList<>(userIds.size());
        for (String userId : userIds) {
            rows.add(new Object[] {userId, now});
        }
        Sql.updateAll(connection, INSERT_IF_ABSENT, rows);
    }

    @PreDestroy
    void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
