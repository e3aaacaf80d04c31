package io.parley.startup;

import io.micronaut.context.ApplicationContext;
import io.parley.config.ParleySettings;
import io.parley.config.Roles;
import io.parley.kafka.KafkaCluster;
import io.parley.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PARLEY_ROLES=migrate}: applies the database migrations (Flyway) and creates or configures the topics
 * ({@code TopicProvisioner#reconcile}), then exits: 0 when done, 1 with one line saying why not. For install and
 * upgrade jobs (the Helm chart's pre-install/pre-upgrade hook); no HTTP server, no token settings needed.
 */
public final class Migration {
    private static final Logger LOG = LoggerFactory.getLogger(Migration.class);

    private Migration() {
    }

    /** Whether {@code parley.roles} (from the environment, system properties or {@code args}) says migrate. */
    public static boolean requested(String[] args) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).build()) {
            context.getEnvironment().start();
            return context.getEnvironment().getProperty("parley.roles", String.class)
                    .map(roles -> roles.trim().equals(Roles.MIGRATE_NAME)).orElse(false);
        }
    }

    /** Runs the migration; the process's exit code. */
    public static int run(String[] args) {
        long started = System.nanoTime();
        try (ApplicationContext context = ApplicationContext.builder().args(args).start()) {
            Database database = context.getBean(Database.class);
            KafkaCluster kafka = context.getBean(KafkaCluster.class);
            LOG.info("Migration done in {} ms: database {}, topics on {} (data dir {})",
                    (System.nanoTime() - started) / 1_000_000, database.description(), kafka.description(),
                    context.getBean(ParleySettings.class).dataDir().toAbsolutePath().normalize());
            return 0;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.error("Migration failed: {}", cause.getMessage());
            return 1;
        }
    }
}
