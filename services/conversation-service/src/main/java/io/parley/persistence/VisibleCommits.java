package io.parley.persistence;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes sure that every commit a reader can see is in the database file before the reader tells the outside
 * world about it, as the relay does when it publishes to Kafka.
 * <p>
 * H2 (MVStore) marks a transaction committed, which makes it visible to every other connection, and only then
 * writes it to the file, even with {@code WRITE_DELAY=0} where the committing thread does so right away. A
 * reader in that gap could publish a commit that a process kill then takes back, and the sequence would be
 * given to another message. {@code CHECKPOINT} writes everything committed so far. PostgreSQL makes a commit
 * visible only after its WAL record is flushed, so there it is nothing to wait for.
 */
@Singleton
public class VisibleCommits {
    private final Database database;

    VisibleCommits(Database database) {
        this.database = database;
    }

    /** Returns once every commit visible before the call is written to the database file. */
    public void awaitWritten() {
        if (!database.embedded()) {
            return;
        }
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write H2's committed changes to its file", e);
        }
    }
}
