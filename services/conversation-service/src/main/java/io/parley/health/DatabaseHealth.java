package io.parley.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.parley.persistence.Database;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.sql.Connection;

/** Ready only while the database answers. */
@Singleton
@Readiness
public class DatabaseHealth implements HealthIndicator {
    private final Database database;

    DatabaseHealth(Database database) {
        this.database = database;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        try (Connection connection = database.dataSource().getConnection()) {
            boolean valid = connection.isValid(2);
            return HealthResult.builder("database", valid ? HealthStatus.UP : HealthStatus.DOWN).build();
        } catch (Exception e) {
            return HealthResult.builder("database", HealthStatus.DOWN).exception(e).build();
        }
    }
}
