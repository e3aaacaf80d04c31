package io.parley.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.parley.config.ParleySettings;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The connection pool on PostgreSQL ({@code PARLEY_DB_URL}) or, by default, on an H2 file under the
 * data directory in PostgreSQL mode, so that one set of Flyway migrations serves both. Migrations run
 * before anything else uses the pool.
 */
@Factory
public class DatabaseFactory {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFactory.class);
    /**
     * H2 in PostgreSQL mode accepts the same DDL and SQL as PostgreSQL for what Parley uses.
     * <p>
     * {@code WRITE_DELAY=0}: by default MVStore keeps committed changes in memory and writes them to the file
     * up to half a second later, so a process kill loses writes that were already acknowledged. With a delay of
     * 0 each commit writes its chunk to the file before it returns (no fsync: see "Durability" in
     * docs/operations.md). It must be in the URL: H2 applies the URL's value (or its default) at every open.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    @Singleton
    @Bean(preDestroy = "close")
    HikariDataSource dataSource(ParleySettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        config.setMaximumPoolSize(settings.getDb().getPoolSize());
        if (settings.embedded()) {
            Path file = settings.getDataDir().toAbsolutePath().resolve("parley");
            config.setJdbcUrl("jdbc:h2:file:" + file + H2_OPTIONS);
            config.setUsername("sa");
        } else {
            config.setJdbcUrl(settings.getDb().getUrl());
            config.setUsername(settings.getDb().getUser());
            config.setPassword(settings.getDb().getPassword());
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    @Singleton
    Database database(HikariDataSource dataSource, ParleySettings settings) {
        String description = settings.embedded()
                ? "H2 (embedded) at " + settings.getDataDir().toAbsolutePath().normalize().resolve("parley.mv.db")
                : "PostgreSQL at " + withoutCredentials(settings.getDb().getUrl());
        LOG.info("Database: {}", description);
        return new Database(dataSource, description, settings.embedded());
    }

    /** A JDBC URL may carry a password as a parameter; never log it. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
