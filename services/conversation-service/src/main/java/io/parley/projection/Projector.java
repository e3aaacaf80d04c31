package io.parley.projection;

import io.parley.consistency.ViewCommits;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import io.parley.config.KafkaSettings;
import io.parley.config.ProjectionSettings;
import io.parley.kafka.KafkaCluster;
import io.parley.persistence.JdbcTransactions;
import io.parley.events.conversation.ConversationEvent;
import io.parley.schemas.ConversationEventCodec;
import io.parley.schemas.UserEventCodec;
import io.parley.events.user.UserEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.parley.tracing.LogFields;
import io.parley.tracing.Traces;
import org.apache.kafka.common.header.Header;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.transaction.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The projector role: a Kafka consumer group that applies the conversation and user topics to the view tables.
 * Each poll is applied in one database transaction and its offsets committed after it, so a crash in
 * between only redelivers records the views skip as duplicates; gaps are healed by the
 * {@link ProjectionApplier}.
 * <p>
 * A record whose headers carry a trace context ({@code traceparent}, from the relay) is applied in a span
 * {@value #SPAN}, its child, ended when the poll's transaction committed (or rolled back). Lag per partition:
 * {@link PartitionLag}.
 */
@Context
@Requires(property = "parley.roles", pattern = Roles.PROJECTOR)
public class Projector {
    /** The consumer group is per topic, so two deployments sharing a cluster never share a group. */
    public static final String GROUP_PREFIX = "parley-projector.";
    static final String SPAN = "project";
    private static final String EMBEDDED_INSTANCE_ID = "parley-projector-embedded";
    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);
    private final KafkaCluster cluster;
    private final String topic;
    private final JdbcTransactions transactions;
    private final ProjectionApplier applier;
    private final ViewCommits commits;
    private final ConversationEventCodec codec = new ConversationEventCodec();
    private final UserEventCodec userCodec = new UserEventCodec();
    private final String userTopic;
    private final UserProjectionApplier userApplier;
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    private final MeterRegistry meters;
    private final boolean rebuild;
    private KafkaClientMetrics consumerMetrics;
    private final PartitionLag lag;
    private final Traces traces;

    Projector(KafkaCluster cluster, KafkaSettings kafka, ProjectionSettings projection, JdbcTransactions transactions, ProjectionApplier applier,
              UserProjectionApplier userApplier, MeterRegistry meters, ViewCommits commits, Traces traces) {
        this.traces = traces;
        this.lag = new PartitionLag(meters);
        this.userApplier = userApplier;
        this.userTopic = kafka.userTopic();
        this.commits = commits;
        this.cluster = cluster;
        this.topic = kafka.topic();
        this.transactions = transactions;
        this.applier = applier;
        this.meters = meters;
        this.rebuild = projection.rebuild();
    }

    @PostConstruct
    void start() {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + topic,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500));
        if (cluster.embedded()) {
            // The broker dies with this process, and on restart it still counts the killed projector as a member:
            // a new dynamic member would wait for that session to expire (45 s) before it gets any partition.
            // A static member takes the old one's place at once. Only this process uses the embedded broker.
            config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, EMBEDDED_INSTANCE_ID);
        }
        consumer = new KafkaConsumer<>(cluster.consumerConfig(config), new StringDeserializer(),
                new ByteArrayDeserializer());
        // the consumer's own meters include the lag per partition (kafka_consumer_fetch_manager_records_lag)
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        thread = new Thread(this::run, "parley-projector");
        thread.start();
    }

    private void run() {
        try {
            if (rebuild) {
                dropViews();
            }
            consumer.subscribe(List.of(topic, userTopic), new Assignments());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    applyOrRewind(records);
                }
                lag.update(consumer);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            lag.clear();
            consumer.close();
        }
    }

    /** A span for applying the record, if it carries a trace context; its conversation and ids in the logs. */
    private Span startSpan(ConsumerRecord<String, byte[]> record, long sequence) {
        Span span = traces.startChild(SPAN, SpanKind.CONSUMER, name -> header(record, name)).orElse(null);
        if (span != null) {
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.operation.type", "process");
            span.setAttribute("messaging.destination.name", record.topic());
            span.setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()));
            span.setAttribute("messaging.kafka.offset", record.offset());
            span.setAttribute("messaging.kafka.message.key", record.key());
            span.setAttribute("parley.sequence", sequence);
        }
        return span;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void end(List<Span> spans, Throwable failure) {
        for (Span span : spans) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, "not applied; read again");
            }
            span.end();
        }
    }

    private void applyOrRewind(ConsumerRecords<String, byte[]> records) {
        Transaction transaction = transactions.startTransaction();
        List<Span> spans = new ArrayList<>();
        try (Connection connection = transactions.getConnection()) {
            ConversationProjection.Batch batch = applier.batch(connection);
            List<ConversationEvent> events = new ArrayList<>(records.count());
            List<ConsumerRecord<String, byte[]>> eventRecords = new ArrayList<>(records.count());
            List<UserEvent> userEvents = new ArrayList<>();
            List<ConsumerRecord<String, byte[]>> userRecords = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.topic().equals(userTopic)) {
                    userEvents.add(userCodec.decode(record.value()));
                    userRecords.add(record);
                } else {
                    events.add(codec.decode(record.value()));
                    eventRecords.add(record);
                }
            }
            batch.lookUpPositions(events.stream().map(ConversationEvent::getConversationId).toList());
            for (int i = 0; i < events.size(); i++) {
                ConversationEvent event = events.get(i);
                Span span = startSpan(eventRecords.get(i), event.getSequence());
                try (LogFields.Scope ignored = LogFields.of(event.getConversationId(), spanContext(span))) {
                    applier.apply(batch, event);
                } finally {
                    addIfStarted(spans, span);
                }
            }
            batch.flush();
            UserProjection.Batch users = userApplier.batch(connection);
            for (int i = 0; i < userEvents.size(); i++) {
                UserEvent event = userEvents.get(i);
                Span span = startSpan(userRecords.get(i), event.getSequence());
                try (LogFields.Scope ignored = LogFields.of(null, spanContext(span))) {
                    userApplier.apply(users, event);
                } finally {
                    addIfStarted(spans, span);
                }
            }
            transaction.commit();
            commits.committed();
        } catch (RuntimeException | SQLException e) {
            transaction.rollback();
            end(spans, e);
            LOG.error("Projector: {} records not applied, they will be read again in a second", records.count(), e);
            rewind(records);
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            return;
        }
        end(spans, null);
        consumer.commitSync(nextOffsets(records));
    }

    private static io.opentelemetry.api.trace.SpanContext spanContext(Span span) {
        return span == null ? io.opentelemetry.api.trace.SpanContext.getInvalid() : span.getSpanContext();
    }

    private static void addIfStarted(List<Span> spans, Span span) {
        if (span != null) {
            spans.add(span);
        }
    }

    /**
     * The operator command {@code --parley.projection.rebuild=true}: the views are emptied and the topic
     * applied again from its first record. Other projector processes must be stopped meanwhile.
     */
    private void dropViews() {
        Transaction transaction = transactions.startTransaction();
        try (Connection connection = transactions.getConnection();
             Statement statement = connection.createStatement()) {
            for (String table : concat(UserProjection.TABLES, ConversationProjection.TABLES)) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            transaction.commit();
            LOG.info("Projector: views dropped; rebuilding them from the beginning of {}", topic);
        } catch (SQLException | RuntimeException e) {
            transaction.rollback();
            throw new IllegalStateException("cannot drop the views for a rebuild", e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * Follows the partitions assigned here for their lag gauges; in a rebuild, seeks each partition to its first
     * record, once.
     */
    private final class Assignments implements ConsumerRebalanceListener {
        private final java.util.Set<TopicPartition> rewound = new java.util.HashSet<>();

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing to give back: offsets are committed after each applied poll
            lag.revoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            lag.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            lag.assigned(partitions);
            if (rebuild) {
                List<TopicPartition> fresh = partitions.stream().filter(rewound::add).toList();
                consumer.seekToBeginning(fresh);
            }
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        consumerMetrics.close();
    }
}
