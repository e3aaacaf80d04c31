package io.parley.persistence;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes sure that every commit visible so far is in the database file, so that a kill of the process cannot
 * take it back: after each commit, before it is acknowledged, and before the relay publishes what it read.
 * <p>
 * H2 (MVStore) keeps committed changes in memory and writes them to the file in the background, up to
 * {@code WRITE_DELAY} (500 ms) later, and makes a commit visible to other connections before it writes it.
 * {@code CHECKPOINT} writes everything committed so far (into the operating system's cache: no fsync).
 * {@code WRITE_DELAY=0} would write at each commit too, but it also stops H2's background writer, which is
 * what rewrites and compacts old chunks: the file then only grows (docs/operations.md, Durability).
 * <p>
 * PostgreSQL makes a commit visible, and returns it, only after its WAL record is flushed: nothing to do.
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
        try (Connection connection = database.dataSource().getConnection()) {
            awaitWritten(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write H2's committed changes to its file", e);
        }
    }

    /** The same on a connection the caller holds, outside a transaction. */
    void awaitWritten(Connection connection) throws SQLException {
        if (database.embedded()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT");
            }
        }
    }
}
