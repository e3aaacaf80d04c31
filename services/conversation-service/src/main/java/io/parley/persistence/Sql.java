package io.parley.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.List;

/**
 * Statements with positional parameters ({@code null} binds SQL NULL), for the views and the projection: one
 * at a time, or one shape many times as a JDBC batch.
 */
public final class Sql {
    private Sql() {
    }

    /** Reads the rows of a query. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Runs a query on a connection of its own; a failure is an {@link IllegalStateException}. */
    public static <T> T query(DataSource dataSource, String sql, Rows<T> reader, Object... parameters) {
        try (Connection connection = dataSource.getConnection()) {
            return query(connection, sql, reader, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("view query failed: " + e.getMessage(), e);
        }
    }

    /** Runs a query on the caller's connection. */
    public static <T> T query(Connection connection, String sql, Rows<T> reader, Object... parameters)
            throws SQLException {
        try (PreparedStatement select = prepare(connection, sql, parameters);
             ResultSet rows = select.executeQuery()) {
            return reader.read(rows);
        }
    }

    /** Runs an insert, update or delete on the caller's connection; answers the rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    /**
     * Runs one statement for each parameter list as a JDBC batch on the caller's connection: one round trip
     * for all of them instead of one each.
     */
    public static void updateAll(Connection connection, String sql, List<Object[]> parameterLists) throws SQLException {
        if (parameterLists.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (Object[] parameters : parameterLists) {
                bind(statement, parameters);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** {@code count} placeholders for an {@code IN} list: {@code ?, ?, ?}. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            bind(statement, parameters);
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, parameters[i]);
            }
        }
    }
}
