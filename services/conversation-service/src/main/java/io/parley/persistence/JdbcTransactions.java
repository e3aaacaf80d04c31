package io.parley.persistence;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.ConnectionWrapperFactory;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC transactions for Axon without Spring: a transaction binds one connection to the
 * current thread, and every Axon component (event store, token store) and Parley's own relay
 * tables get that connection while it is open, so their writes commit or roll back together.
 * Outside a transaction a caller gets an ordinary auto-commit connection.
 * <p>
 * A commit returns only once it is in the database file ({@link VisibleCommits}): whatever is acknowledged
 * after it survives a kill of the process.
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {
    private final DataSource dataSource;
    private final VisibleCommits visibleCommits;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource, VisibleCommits visibleCommits) {
        this.dataSource = dataSource;
        this.visibleCommits = visibleCommits;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return NESTED;
        }
        // The connection is taken on first use: a command waiting for its aggregate's lock holds none.
        Bound transaction = new Bound();
        bound.set(transaction);
        return new Transaction() {
            @Override
            public void commit() {
                finish(transaction, true);
            }

            @Override
            public void rollback() {
                finish(transaction, false);
            }
        };
    }

    private void finish(Bound transaction, boolean commit) {
        bound.remove();
        Connection connection = transaction.connection;
        if (connection == null) {
            return;
        }
        try (connection) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            if (commit) {
                visibleCommits.awaitWritten(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + (commit ? "commit" : "roll back") + " a transaction", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Bound transaction = bound.get();
        if (transaction == null) {
            return dataSource.getConnection();
        }
        if (transaction.connection == null) {
            Connection connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            transaction.connection = connection;
        }
        // Axon closes every connection it was given; the bound one stays open until the transaction ends.
        return ConnectionWrapperFactory.wrap(transaction.connection, new ConnectionWrapperFactory.NoOpCloseHandler());
    }

    /** A transaction of the current thread, and its connection once one was needed. */
    private static final class Bound {
        private Connection connection;
    }

    /** Whether the calling thread is inside a transaction. */
    public boolean inTransaction() {
        return bound.get() != null;
    }

    private static final Transaction NESTED = new Transaction() {
        @Override
        public void commit() {
            // the outermost transaction commits
        }

        @Override
        public void rollback() {
            // the outermost transaction rolls back; its owner sees the failure
        }
    };
}
