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
     * H2 in PostgreSQL mode accepts the same DDL and SQL as PostgreSQL for what Parley uses. H2's write delay
     * stays at its default: commits are written to the file by {@link VisibleCommits} before they return.
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

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
            // a JDBC batch of inserts (events, index, views) travels as multi-row inserts: fewer statements to run
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
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
