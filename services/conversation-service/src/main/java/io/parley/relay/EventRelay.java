package io.parley.relay;

import io.parley.avro.AvroEventMapper;
import io.parley.avro.UserEventMapper;
import io.parley.conversation.Conversation;
import io.parley.user.model.UserStream;
import io.parley.user.event.UserEvent;
import java.util.List;
import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import io.parley.eventlog.ConversationStreams;
import io.parley.config.KafkaSettings;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.event.ConversationEvent;
import io.parley.kafka.KafkaCluster;
import io.parley.persistence.JdbcTransactions;
import io.parley.persistence.VisibleCommits;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.parley.tracing.LogFields;
import io.parley.tracing.Traces;
import org.apache.kafka.clients.producer.ProducerRecord;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes every stored event to Kafka in sequence order per aggregate: a conversation's events to the
 * conversation topic, a user's private events to the user topic (see {@link RelayedRecords}).
 * <p>
 * It is the handler of Axon's tracking processor {@value #PROCESSOR}: a batch is sent, Kafka's
 * acknowledgement awaited, and only then the token and the per-conversation positions are stored, in
 * one transaction. A crash in between republishes the batch (duplicates, never loss or reordering).
 * <p>
 * Axon's JDBC gap handling can skip an event whose transaction committed late (AxonFramework
 * #4829). Two guards make that harmless: a continuity check publishes any sequences missing before
 * the event at hand by reading them from the event store, and {@link #sweep} re-reads each range of
 * the log once no transaction can still commit into it, which catches a skipped last event.
 * <p>
 * Nothing is sent before {@link VisibleCommits#awaitWritten()}: an event the relay has read must be in the
 * database file before Kafka has it, or a crash could take back a published event.
 * <p>
 * An event whose metadata carries a trace context ({@link Traces}) is sent in a span {@value #SPAN} (a child of
 * the command's request, ended when Kafka acknowledged the record), whose context goes into the record's
 * {@code traceparent} header; the Avro value is the same either way.
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.RELAY)
@ProcessingGroup(EventRelay.PROCESSOR)
public class EventRelay {
    public static final String PROCESSOR = "relay";
    static final String SPAN = "relay publish";
    private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
    private static final String BATCH = "parley.relay.batch";
    private static final List<String> AGGREGATE_TYPES = List.of(Conversation.class.getSimpleName(),
            UserStream.AGGREGATE_TYPE);

    private final EventStorageEngine storageEngine;
    private final JdbcTransactions transactions;
    private final VisibleCommits visibleCommits;
    private final KafkaEventPublisher publisher;
    private final RelayedRecords records;
    private final RelayPositions positions;
    private final Traces traces;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong duplicatesSkipped = new AtomicLong();
    private final AtomicLong recoveredFromStore = new AtomicLong();
    private volatile RelayCheckpoint checkpoint = RelayCheckpoint.NONE;

    EventRelay(EventStorageEngine storageEngine, JdbcTransactions transactions, VisibleCommits visibleCommits,
               KafkaCluster cluster, AvroEventMapper conversations, UserEventMapper users, KafkaSettings settings,
               MeterRegistry meters, Traces traces) {
        this.storageEngine = storageEngine;
        this.transactions = transactions;
        this.visibleCommits = visibleCommits;
        this.traces = traces;
        this.publisher = new KafkaEventPublisher(cluster, meters);
        this.records = new RelayedRecords(conversations, users, settings);
        this.positions = new RelayPositions(transactions);
        FunctionCounter.builder("parley.relay.events.published", published, AtomicLong::get)
                .description("Records sent to Kafka by the relay (republished ones included)").register(meters);
        FunctionCounter.builder("parley.relay.duplicates", duplicatesSkipped, AtomicLong::get)
                .description("Events not sent again because their sequence was already sent").register(meters);
        FunctionCounter.builder("parley.relay.recovered", recoveredFromStore, AtomicLong::get)
                .description("Events the event stream skipped, sent after reading them from the store")
                .register(meters);
    }

    @EventHandler
    void on(ConversationEvent event, EventMessage<?> message) {
        relay(message);
    }

    @EventHandler
    void on(UserEvent event, EventMessage<?> message) {
        relay(message);
    }

    /** The event's metadata as text fields (the trace context). */
    private static java.util.function.Function<String, String> metadata(EventMessage<?> event) {
        return name -> {
            Object value = event.getMetaData().get(name);
            return value == null ? null : value.toString();
        };
    }

    private void relay(EventMessage<?> event) {
        DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) event;
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, Long> batch = unitOfWork.getOrComputeResource(BATCH, key -> openBatch(unitOfWork));
        lock.lock();
        try (LogFields.Scope ignored = LogFields.of(event.getPayload() instanceof ConversationEvent
                ? domainEvent.getAggregateIdentifier() : null, Traces.spanContext(metadata(domainEvent)))) {
            relay(domainEvent, batch);
        } finally {
            lock.unlock();
        }
    }

    /** The processor read the batch's events before its first one gets here: they are written first. */
    private Map<String, Long> openBatch(UnitOfWork<?> unitOfWork) {
        visibleCommits.awaitWritten();
        Map<String, Long> batch = new HashMap<>();
        unitOfWork.onPrepareCommit(u -> commit(batch));
        unitOfWork.onRollback(u -> abandon(batch));
        return batch;
    }

    /** Sends {@code event} after any sequences of its aggregate that were not sent yet. */
    private void relay(DomainEventMessage<?> event, Map<String, Long> batch) {
        String aggregateId = event.getAggregateIdentifier();
        long sequence = ConversationSequence.fromAxon(event.getSequenceNumber());
        long lastSent = positions.lastSent(aggregateId);
        if (sequence <= lastSent) {
            duplicatesSkipped.incrementAndGet();
            return;
        }
        if (sequence > lastSent + 1) {
            long recovered = sendFromStore(aggregateId, lastSent + 1, sequence - 1, batch);
            LOG.warn("Relay: {} jumped from sequence {} to {}; sent {} missing events read back "
                    + "from the event store", aggregateId, lastSent, sequence, recovered);
        }
        send(event, sequence, batch);
    }

    private long sendFromStore(String aggregateId, long from, long to, Map<String, Long> batch) {
        long[] expected = {from};
        ConversationStreams.forEach(storageEngine, aggregateId, from, to, event -> {
            long sequence = ConversationSequence.fromAxon(event.getSequenceNumber());
            if (sequence != expected[0]) {
                throw new IllegalStateException("event store returned sequence " + sequence + " of "
                        + aggregateId + " where " + expected[0] + " was expected");
            }
            send(event, sequence, batch);
            expected[0]++;
        });
        if (expected[0] <= to) {
            throw new IllegalStateException("event store has no sequence " + expected[0] + " of " + aggregateId);
        }
        recoveredFromStore.addAndGet(to - from + 1);
        return to - from + 1;
    }

    private void send(DomainEventMessage<?> event, long sequence, Map<String, Long> batch) {
        ProducerRecord<String, byte[]> record = records.of(event, sequence);
        Span span = traces.startChild(SPAN, SpanKind.PRODUCER, metadata(event)).orElse(null);
        if (span != null) {
            span.setAttribute("messaging.system", "kafka");
            span.setAttribute("messaging.operation.type", "send");
            span.setAttribute("messaging.destination.name", record.topic());
            span.setAttribute("messaging.kafka.message.key", record.key());
            span.setAttribute("parley.sequence", sequence);
            Traces.write(span, (name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        publisher.send(record, failure -> {
            if (span != null) {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, "not acknowledged by Kafka");
                }
                span.end();
            }
        });
        positions.markSent(event.getAggregateIdentifier(), sequence);
        batch.put(event.getAggregateIdentifier(), sequence);
        published.incrementAndGet();
    }

    /** Kafka first, then the positions in the caller's transaction (the token goes with it). */
    private void commit(Map<String, Long> batch) {
        lock.lock();
        try {
            publisher.flush();
            checkpoint.acknowledged();
            positions.store(batch);
        } finally {
            lock.unlock();
        }
    }

    private void abandon(Map<String, Long> batch) {
        lock.lock();
        try {
            // Whatever was sent may be republished; a fresh producer keeps any retry behind it in order.
            publisher.reset();
            positions.forgetAll();
            LOG.warn("Relay: batch of {} aggregates rolled back; it will be published again", batch.size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publishes what the event stream skipped in global indexes {@code (sweptTo, upTo]}: for each
     * conversation with events there, anything above its last sent sequence. Called only for ranges
     * that no open transaction can still write into.
     *
     * @return the number of events published by the sweep
     */
    long sweep(long upTo) {
        Transaction transaction = transactions.startTransaction();
        Map<String, Long> batch = new HashMap<>();
        lock.lock();
        try {
            long sweptTo = sweptTo();
            long recovered = 0;
            if (upTo > sweptTo) {
                Map<String, Long> lastSequences = lastSequencesBetween(sweptTo, upTo);
                // a late commit found here may just have become visible; the events before it did so earlier
                visibleCommits.awaitWritten();
                for (Map.Entry<String, Long> last : lastSequences.entrySet()) {
                    long lastSent = positions.lastSent(last.getKey());
                    if (last.getValue() > lastSent) {
                        recovered += sendFromStore(last.getKey(), lastSent + 1, last.getValue(), batch);
                        LOG.warn("Relay: {} sequences {}..{} were committed late and skipped by the "
                                + "event stream; published now", last.getKey(), lastSent + 1, last.getValue());
                    }
                }
                publisher.flush();
                positions.store(batch);
                storeSweptTo(upTo);
            }
            transaction.commit();
            return recovered;
        } catch (RuntimeException e) {
            transaction.rollback();
            publisher.reset();
            positions.forgetAll();
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private long sweptTo() {
        return queryLong("SELECT swept_to FROM relay_sweep WHERE id = 1");
    }

    /** The highest global index committed so far. */
    long headIndex() {
        return queryLong("SELECT COALESCE(MAX(globalindex), 0) FROM domainevententry");
    }

    private long queryLong(String sql) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("relay query failed: " + sql, e);
        }
    }

    private void storeSweptTo(long upTo) {
        try (Connection connection = transactions.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE relay_sweep SET swept_to = ? WHERE id = 1")) {
            update.setLong(1, upTo);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store the relay sweep position", e);
        }
    }

    private Map<String, Long> lastSequencesBetween(long fromExclusive, long toInclusive) {
        String sql = "SELECT aggregateidentifier, MAX(sequencenumber) FROM domainevententry "
                + "WHERE globalindex > ? AND globalindex <= ? AND type IN (?, ?) GROUP BY aggregateidentifier";
        Map<String, Long> lastSequences = new LinkedHashMap<>();
        try (Connection connection = transactions.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, fromExclusive);
            select.setLong(2, toInclusive);
            select.setString(3, AGGREGATE_TYPES.get(0));
            select.setString(4, AGGREGATE_TYPES.get(1));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lastSequences.put(rows.getString(1), ConversationSequence.fromAxon(rows.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store for the relay sweep", e);
        }
        return lastSequences;
    }

    void checkpoint(RelayCheckpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    public long duplicatesSkipped() {
        return duplicatesSkipped.get();
    }

    public long recoveredFromStore() {
        return recoveredFromStore.get();
    }

    @PreDestroy
    void close() {
        publisher.close();
    }
}
