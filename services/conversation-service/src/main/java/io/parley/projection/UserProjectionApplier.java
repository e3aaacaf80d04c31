package io.parley.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.avro.UserEventMapper;
import io.parley.conversation.ConversationSequence;
import io.parley.eventlog.UserLog;
import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.UserEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Applies one published user event to the user views: a duplicate is skipped; a gap is counted, logged and
 * healed from the event store first. A profile change that changed {@code privateCustomData} (not published)
 * takes its value from the event store.
 */
@Singleton
public class UserProjectionApplier {
    private static final Logger LOG = LoggerFactory.getLogger(UserProjectionApplier.class);
    private final UserProjection projection = new UserProjection();
    private final UserLog log;
    private final UserEventMapper mapper;
    private final ProjectionCounters counters;

    UserProjectionApplier(UserLog log, UserEventMapper mapper, MeterRegistry meters) {
        this.log = log;
        this.mapper = mapper;
        this.counters = new ProjectionCounters(meters, "parley.projection.user", "User events");
    }

    public UserProjection.Batch batch(Connection connection) {
        return projection.batch(connection);
    }

    public void apply(UserProjection.Batch batch, UserEvent event) throws SQLException {
        ConversationProjection.Outcome outcome = batch.apply(event, privateCustomData(event));
        if (outcome == ConversationProjection.Outcome.GAP) {
            heal(batch, event);
            outcome = batch.apply(event, privateCustomData(event));
            if (outcome != ConversationProjection.Outcome.APPLIED) {
                throw new IllegalStateException("the event store does not hold the events before sequence "
                        + event.getSequence() + " of user " + event.getUserId());
            }
        }
        counters.counted(outcome);
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

    private void heal(UserProjection.Batch batch, UserEvent event) throws SQLException {
        long last = batch.lastApplied(event.getUserId());
        counters.gap();
        LOG.warn("Projector: user {} jumped from sequence {} to {}; applying the missing events from the event store",
                event.getUserId(), last, event.getSequence());
        SQLException[] failure = {null};
        log.forEach(event.getUserId(), last + 1, event.getSequence() - 1, message -> {
            if (failure[0] != null) {
                return;
            }
            try {
                var stored = (io.parley.user.event.UserEvent) message.getPayload();
                batch.apply(mapper.toAvro(stored, ConversationSequence.fromAxon(message.getSequenceNumber()),
                        message.getIdentifier(), message.getTimestamp()),
                        stored instanceof io.parley.user.event.ProfileUpdated p ? p.privateCustomData() : null);
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

    public long gapsHealed() {
        return counters.gaps();
    }
}
