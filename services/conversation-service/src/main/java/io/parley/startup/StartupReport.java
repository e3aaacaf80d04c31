package io.parley.startup;

import io.parley.config.CommandSettings;
import io.parley.config.KafkaSettings;
import io.parley.config.ParleySettings;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.parley.kafka.KafkaCluster;
import io.parley.persistence.Database;
import io.parley.security.DevTokenController;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.TreeSet;

/** Starts the write side and relay with the server, then logs in one line what this process runs on. */
@Singleton
public class StartupReport implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);
    private final ParleySettings settings;
    private final KafkaSettings kafkaSettings;
    private final CommandSettings command;
    private final Database database;
    private final KafkaCluster kafka;
    private final Configuration axon;

    /** The JWT signatures are asked for so that their source is logged at start, not at the first request. */
    StartupReport(ParleySettings settings, KafkaSettings kafkaSettings, CommandSettings command, Database database,
                  KafkaCluster kafka, Configuration axon, List<SignatureConfiguration> jwtSignatures) {
        this.settings = settings;
        this.kafkaSettings = kafkaSettings;
        this.command = command;
        this.database = database;
        this.kafka = kafka;
        this.axon = axon;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        boolean devTokens = event.getSource().getApplicationContext().findBeanDefinition(DevTokenController.class).isPresent();
        LOG.info("Parley started on port {}: roles {}, database {}, {}, topics {}, {}, {} ({} partitions), dev tokens {}, "
                        + "data dir {}, event processors {}, command batches of up to {} in {} lanes, {} conversations "
                        + "cached, a snapshot every {} events",
                event.getSource().getPort(), new TreeSet<>(settings.roleSet()), database.description(),
                kafka.description(), kafkaSettings.topic(), kafkaSettings.userTopic(),
                kafkaSettings.ephemeralTopic(), kafkaSettings.partitions(),
                devTokens ? "on" : "off", settings.dataDir().toAbsolutePath().normalize(),
                axon.eventProcessingConfiguration().eventProcessors().keySet(), command.maxBatch(),
                command.batchLanes(), command.aggregateCacheSize(), command.snapshotThreshold());
    }
}
