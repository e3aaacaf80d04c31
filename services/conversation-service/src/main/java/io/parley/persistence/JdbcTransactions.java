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
 */
public final class JdbcTransactions implements TransactionManager, ConnectionProvider {
    private final DataSource dataSource;
    private final ThreadLocal<Connection> bound = new ThreadLocal<>();

    public JdbcTransactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction startTransaction() {
        if (bound.get() != null) {
            return NESTED;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a database transaction", e);
        }
        bound.set(connection);
        return new Transaction() {
            @Override
            public void commit() {
                finish(connection, true);
            }

            @Override
            public void rollback() {
                finish(connection, false);
            }
        };
    }

    private void finish(Connection connection, boolean commit) {
        bound.remove();
        try (connection) {
            if (commit) {
                connection.commit();
            } else {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + (commit ? "commit" : "roll back") + " a transaction", e);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = bound.get();
        if (connection == null) {
            return dataSource.getConnection();
        }
        // Axon closes every connection it was given; the bound one stays open until the transaction ends.
        return ConnectionWrapperFactory.wrap(connection, new ConnectionWrapperFactory.NoOpCloseHandler());
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
