package io.parley.projection;

import io.parley.eventlog.ConversationLog;
import io.parley.conversation.ConversationSequence;
import io.parley.events.conversation.ConversationEvent;
import io.parley.avro.AvroEventMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one published event to the views: a duplicate is skipped; a record more than one ahead of its
 * conversation's views is a gap, counted, logged once and healed by applying the missing events read
 * from the event store (mapped to the published contract, exactly as the relay would have) first.
 */
@Singleton
public class ProjectionApplier {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionApplier.class);
    private final ConversationProjection projection = new ConversationProjection();
    private final ConversationLog log;
    private final AvroEventMapper mapper;
    private final ProjectionCounters counters;

    ProjectionApplier(ConversationLog log, AvroEventMapper mapper, MeterRegistry meters) {
        this.log = log;
        this.mapper = mapper;
        this.counters = new ProjectionCounters(meters, "parley.projection", "Conversation events");
    }

    /** A batch for applying several events in the caller's transaction; flush it before committing. */
    public ConversationProjection.Batch batch(Connection connection) {
        return projection.batch(connection);
    }

    public void apply(ConversationProjection.Batch batch, ConversationEvent event) throws SQLException {
        ConversationProjection.Outcome outcome = batch.apply(event);
        if (outcome == ConversationProjection.Outcome.GAP) {
            heal(batch, event);
            outcome = batch.apply(event);
            if (outcome != ConversationProjection.Outcome.APPLIED) {
                throw new IllegalStateException("the event store does not hold the events before sequence "
                        + event.getSequence() + " of " + event.getConversationId());
            }
        }
        counters.counted(outcome);
    }

    private void heal(ConversationProjection.Batch batch, ConversationEvent event) throws SQLException {
        long last = batch.lastApplied(event.getConversationId());
        counters.gap();
        LOG.warn("Projector: conversation {} jumped from sequence {} to {}; applying the missing events from the "
                + "event store", event.getConversationId(), last, event.getSequence());
        SQLException[] failure = {null};
        log.forEach(event.getConversationId(), last + 1, event.getSequence() - 1,
                message -> {
                    if (failure[0] != null) {
                        return;
                    }
                    try {
                        batch.apply(mapper.toAvro(
                                (io.parley.conversation.event.ConversationEvent) message.getPayload(),
                                ConversationSequence.fromAxon(message.getSequenceNumber()), message.getIdentifier(),
                                message.getTimestamp()));
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    public long appliedCount() {
        return counters.applied();
    }

    public long duplicatesSkipped() {
        return counters.duplicates();
    }

    public long gapsHealed() {
        return counters.gaps();
    }
}
