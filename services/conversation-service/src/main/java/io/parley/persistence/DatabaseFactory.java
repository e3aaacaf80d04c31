package io.parley.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.parley.config.DatabaseSettings;
import io.parley.config.ParleySettings;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * The connection pool on PostgreSQL ({@code PARLEY_DB_URL}) or, by default, on an H2 file under the
 * data directory in PostgreSQL mode, so that one set of Flyway migrations serves both. Migrations run
 * before anything else uses the pool. The pool's meters are {@code hikaricp_connections_*{pool="parley"}}.
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
    HikariDataSource dataSource(ParleySettings settings, DatabaseSettings db, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("parley");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        config.setMaximumPoolSize(db.poolSize());
        if (db.embedded()) {
            Path file = settings.dataDir().toAbsolutePath().resolve("parley");
            config.setJdbcUrl("jdbc:h2:file:" + file + H2_OPTIONS);
            config.setUsername("sa");
        } else {
            config.setJdbcUrl(db.url());
            config.setUsername(db.user());
            config.setPassword(db.password());
            // a JDBC batch of inserts (events, index, views) travels as multi-row inserts: fewer statements to run
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    @Singleton
    Database database(HikariDataSource dataSource, ParleySettings settings, DatabaseSettings db) {
        String description = db.embedded()
                ? "H2 (embedded) at " + settings.dataDir().toAbsolutePath().normalize().resolve("parley.mv.db")
                : "PostgreSQL at " + withoutCredentials(db.url());
        LOG.info("Database: {}", description);
        return new Database(dataSource, description, db.embedded());
    }

    /** A JDBC URL may carry a password as a parameter; never log it. */
    static String withoutCredentials(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
