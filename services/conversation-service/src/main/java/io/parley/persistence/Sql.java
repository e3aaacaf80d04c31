package io.parley.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** One statement with positional parameters ({@code null} binds SQL NULL), for the views and the projection. */
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

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            return statement;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }
}
