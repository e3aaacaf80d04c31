package io.parley.projection;

import io.parley.eventlog.ConversationLog;
import io.parley.conversation.ConversationSequence;
import io.parley.events.conversation.ConversationEvent;
import io.parley.avro.AvroEventMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one published conversation event to the views ({@link AppliedRecords}: duplicates skipped, gaps healed
 * from the event store, mapped to the published contract exactly as the relay would have).
 */
@Singleton
public class ProjectionApplier {
    private final ConversationProjection projection = new ConversationProjection();
    private final ConversationLog log;
    private final AvroEventMapper mapper;
    private final AppliedRecords records;

    ProjectionApplier(ConversationLog log, AvroEventMapper mapper, MeterRegistry meters) {
        this.log = log;
        this.mapper = mapper;
        this.records = new AppliedRecords(meters, "parley.projection", "Conversation events");
    }

    /** A batch for applying several events in the caller's transaction; flush it before committing. */
    public ConversationProjection.Batch batch(Connection connection) {
        return projection.batch(connection);
    }

    public void apply(ConversationProjection.Batch batch, ConversationEvent event) throws SQLException {
        String id = event.getConversationId();
        records.apply("conversation " + id, event.getSequence(), () -> batch.apply(event), batch.lastApplied(id),
                (from, to) -> AppliedRecords.forEachStored(each -> log.forEach(id, from, to, each),
                        message -> batch.apply(mapper.toAvro(
                                (io.parley.conversation.event.ConversationEvent) message.getPayload(),
                                ConversationSequence.fromAxon(message.getSequenceNumber()), message.getIdentifier(),
                                message.getTimestamp()))));
    }

    public long appliedCount() {
        return records.applied();
    }

    public long duplicatesSkipped() {
        return records.duplicates();
    }

    public long gapsHealed() {
        return records.gaps();
    }
}
