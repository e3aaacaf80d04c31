package io.parley.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.avro.UserEventMapper;
import io.parley.conversation.ConversationSequence;
import io.parley.eventlog.UserLog;
import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.UserEvent;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one published user event to the user views: a duplicate is skipped; a gap is counted, logged and
 * healed from the event store first. A profile change that changed {@code privateCustomData} (not published)
 * takes its value from the event store.
 */
@Singleton
public class UserProjectionApplier {
    private final UserProjection projection = new UserProjection();
    private final UserLog log;
    private final UserEventMapper mapper;
    private final AppliedRecords records;

    UserProjectionApplier(UserLog log, UserEventMapper mapper, MeterRegistry meters) {
        this.log = log;
        this.mapper = mapper;
        this.records = new AppliedRecords(meters, "parley.projection.user", "User events");
    }

    public UserProjection.Batch batch(Connection connection) {
        return projection.batch(connection);
    }

    public void apply(UserProjection.Batch batch, UserEvent event) throws SQLException {
        String userId = event.getUserId();
        records.apply("user " + userId, event.getSequence(), () -> batch.apply(event, privateCustomData(event)),
                batch.lastApplied(userId), (from, to) -> AppliedRecords.forEachStored(
                        each -> log.forEach(userId, from, to, each), message -> {
                            var stored = (io.parley.user.event.UserEvent) message.getPayload();
                            batch.apply(mapper.toAvro(stored, ConversationSequence.fromAxon(message.getSequenceNumber()),
                                    message.getIdentifier(), message.getTimestamp()),
                                    stored instanceof io.parley.user.event.ProfileUpdated p ? p.privateCustomData() : null);
                        }));
    }

    private String privateCustomData(UserEvent event) {
        if (!(event.getPayload() instanceof ProfileUpdated profile) || !profile.getPrivateCustomDataChanged()) {
            return null;
        }
        String[] value = {null};
        log.forEach(event.getUserId(), event.getSequence(), event.getSequence(), stored -> {
            if (stored.getPayload() instanceof io.parley.user.event.ProfileUpdated updated) {
                value[0] = updated.privateCustomData();
            }
        });
        return value[0];
    }

    public long appliedCount() {
        return records.applied();
    }

    public long gapsHealed() {
        return records.gaps();
    }
}
