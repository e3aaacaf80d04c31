package io.parley.persistence;

import javax.sql.DataSource;

/**
 * The database Parley runs on: the pool, and a description safe to log (no credentials).
 */
public record Database(DataSource dataSource, String description, boolean embedded) {
}
