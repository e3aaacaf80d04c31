package io.parley.projection;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How a projection takes one published record, the same for every aggregate's views: a duplicate is skipped; a
 * record more than one ahead is a gap, counted, logged once and healed by applying the missing events read from
 * the event store first. Counted as meters {@code <prefix>.events.applied}, {@code <prefix>.duplicates} and
 * {@code <prefix>.gaps}.
 */
final class AppliedRecords {
    private static final Logger LOG = LoggerFactory.getLogger(AppliedRecords.class);
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();

    /** Applies a record to the views: applied, a duplicate, or a gap (nothing written). */
    @FunctionalInterface
    interface Application {
        ConversationProjection.Outcome apply() throws SQLException;
    }

    /** Applies the stored events {@code from..to} (inclusive) of the record's aggregate. */
    @FunctionalInterface
    interface Healing {
        void apply(long from, long to) throws SQLException;
    }

    @FunctionalInterface
    interface SqlConsumer<T> {
        void accept(T value) throws SQLException;
    }

    /** {@code what}: the records counted, for the meters' descriptions ("Conversation events", "User events"). */
    AppliedRecords(MeterRegistry meters, String prefix, String what) {
        FunctionCounter.builder(prefix + ".events.applied", applied, AtomicLong::get)
                .description(what + " applied to the views").register(meters);
        FunctionCounter.builder(prefix + ".duplicates", duplicates, AtomicLong::get)
                .description(what + " skipped because their sequence was already applied").register(meters);
        FunctionCounter.builder(prefix + ".gaps", gaps, AtomicLong::get)
                .description(what + " more than one sequence ahead, healed from the event store").register(meters);
    }

    /**
     * Applies the record at {@code sequence} of {@code aggregate} (for the log); on a gap after {@code lastApplied},
     * heals it and applies the record again.
     */
    void apply(String aggregate, long sequence, Application application, long lastApplied, Healing healing)
            throws SQLException {
        ConversationProjection.Outcome outcome = application.apply();
        if (outcome == ConversationProjection.Outcome.GAP) {
            gaps.incrementAndGet();
            LOG.warn("Projector: {} jumped from sequence {} to {}; applying the missing events from the event store",
                    aggregate, lastApplied, sequence);
            healing.apply(lastApplied + 1, sequence - 1);
            outcome = application.apply();
            if (outcome != ConversationProjection.Outcome.APPLIED) {
                throw new IllegalStateException("the event store does not hold the events before sequence "
                        + sequence + " of " + aggregate);
            }
        }
        (outcome == ConversationProjection.Outcome.DUPLICATE ? duplicates : applied).incrementAndGet();
    }

    /** Hands each event {@code stored} gives to {@code each}, stopping at the first SQL failure, which is thrown. */
    static void forEachStored(Consumer<Consumer<DomainEventMessage<?>>> stored,
                              SqlConsumer<DomainEventMessage<?>> each) throws SQLException {
        SQLException[] failure = {null};
        stored.accept(message -> {
            if (failure[0] != null) {
                return;
            }
            try {
                each.accept(message);
            } catch (SQLException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    long applied() {
        return applied.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long gaps() {
        return gaps.get();
    }
}
