package io.parley.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import io.parley.config.Limits;
import io.parley.config.CommandSettings;
import io.parley.config.RelaySettings;
import io.parley.write.CommandSideIndex;
import io.parley.write.PrivateIndex;
import io.parley.conversation.ConversationLimits;
import io.parley.conversation.MessageDirectory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import java.util.concurrent.Executors;
import io.parley.conversation.Conversation;
import io.parley.user.User;
import io.parley.user.UserLimits;
import io.parley.persistence.Database;
import io.parley.persistence.JdbcTransactions;
import io.parley.persistence.VisibleCommits;
import io.parley.relay.EventRelay;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import io.parley.tracing.Traces;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.List;
import java.util.Optional;

/**
 * The composition root of the write side: Axon configured without Spring on Parley's database.
 * Events, snapshots and tokens are stored as JSON (records cannot be read back by XStream).
 */
@Factory
public class AxonFactory {

    @Singleton
    JdbcTransactions jdbcTransactions(Database database, VisibleCommits visibleCommits) {
        return new JdbcTransactions(database.dataSource(), visibleCommits);
    }

    @Singleton
    Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(objectMapper()).build();
    }

    /** Snapshots are the aggregate's fields as they are: no getters or setters needed on it. */
    private static Serializer snapshotSerializer() {
        ObjectMapper mapper = objectMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // an event written by a newer version must still load in an older one during a rolling update
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Singleton
    EventStorageEngine eventStorageEngine(JdbcTransactions transactions, Serializer serializer,
                                          RelaySettings relaySettings) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(transactions)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(snapshotSerializer())
                .gapTimeout(Math.toIntExact(relaySettings.gapTimeout().toMillis()))
                .build();
    }

    @Singleton
    TokenStore tokenStore(JdbcTransactions transactions, Serializer serializer) {
        return JdbcTokenStore.builder().connectionProvider(transactions).serializer(serializer).build();
    }

    @Singleton
    @Bean(preDestroy = "shutdown")
    Configuration axonConfiguration(JdbcTransactions transactions, Serializer serializer,
                                    EventStorageEngine storageEngine, TokenStore tokenStore,
                                    Optional<EventRelay> relay, CommandSideIndex commandSideIndex,
                                    PrivateIndex privateIndex,
                                    Limits limits, CommandSettings command, RelaySettings relaySettings,
                                    ConversationCache cache) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureEmbeddedEventStore(c -> storageEngine)
                // Axon's own origin ids, and the command's trace context (Commands) into its events' metadata
                .configureCorrelationDataProviders(c -> List.of(new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(Traces.TRACEPARENT, Traces.TRACESTATE)))
                // snapshots are taken off the request threads, after the commit that triggered them
                .configureSnapshotter(c -> AggregateSnapshotter.builder()
                        .eventStore(c.eventStore())
                        .transactionManager(transactions)
                        .aggregateFactories(c.aggregateConfiguration(Conversation.class).aggregateFactory(),
                                c.aggregateConfiguration(User.class).aggregateFactory())
                        .repositoryProvider(c::repository)
                        .parameterResolverFactory(c.parameterResolverFactory())
                        .handlerDefinition(c.handlerDefinition(Conversation.class))
                        .executor(Executors.newSingleThreadExecutor(runnable -> {
                            Thread thread = new Thread(runnable, "parley-snapshotter");
                            thread.setDaemon(true);
                            return thread;
                        }))
                        .build())
                .registerComponent(MessageDirectory.class, c -> commandSideIndex)
                .registerComponent(ConversationLimits.class, c -> limits)
                .registerComponent(UserLimits.class, c -> limits)
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Conversation.class)
                        .configureCache(c -> cache.axonCache())
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                command.snapshotThreshold())))
                // a user's private state: own aggregate and sequence, in the same event store ("user/<id>")
                .configureAggregate(AggregateConfigurer.defaultConfiguration(User.class)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                command.snapshotThreshold())));
        configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(CommandSideIndex.PROCESSOR)
                // a taken unique name must fail the appending transaction, not be logged and ignored
                .registerListenerInvocationErrorHandler(CommandSideIndex.PROCESSOR,
                        c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> commandSideIndex)
                .registerEventHandler(c -> privateIndex));
        relay.ifPresent(handler -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(EventRelay.PROCESSOR, c -> tokenStore)
                .registerTrackingEventProcessor(EventRelay.PROCESSOR, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(relaySettings.batchSize())
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                // a failed publish must stop the relay and retry the batch, never skip the event
                .registerListenerInvocationErrorHandler(EventRelay.PROCESSOR,
                        c -> PropagatingErrorHandler.instance())
                .registerEventHandler(c -> handler)));
        Configuration configuration = configurer.buildConfiguration();
        configuration.start();
        return configuration;
    }

    @Singleton
    @Bean(preDestroy = "close")
    ConversationCache conversationCache(CommandSettings command) {
        return new ConversationCache(command.aggregateCacheSize());
    }

    @Singleton
    CommandGateway commandGateway(Configuration configuration) {
        return configuration.commandGateway();
    }

    @Singleton
    EventStore eventStore(Configuration configuration) {
        return configuration.eventStore();
    }

    @Singleton
    Repository<Conversation> conversationRepository(Configuration configuration) {
        return configuration.repository(Conversation.class);
    }
}
