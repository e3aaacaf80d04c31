package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.StringUtils;
import jakarta.validation.constraints.Min;

/**
 * {@code parley.db}: the event store and views' database.
 *
 * @param url      a PostgreSQL JDBC URL; empty: the embedded H2 file database under {@code parley.data-dir}
 * @param user     the database user
 * @param password the user's password (never logged)
 * @param poolSize connections in the pool
 */
@Context
@ConfigurationProperties("parley.db")
public record DatabaseSettings(@Nullable String url, @Nullable String user, @Nullable String password,
                               @Min(1) int poolSize) {

    /** Embedded mode: no external database configured. */
    public boolean embedded() {
        return StringUtils.isEmpty(url);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
