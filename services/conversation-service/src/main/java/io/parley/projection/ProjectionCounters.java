package io.parley.projection;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a projection did with the records it was given, as meters {@code <prefix>.events.applied},
 * {@code <prefix>.duplicates} and {@code <prefix>.gaps}.
 */
final class ProjectionCounters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();

    /** {@code what}: the records counted, for the meters' descriptions ("Conversation events", "User events"). */
    ProjectionCounters(MeterRegistry meters, String prefix, String what) {
        FunctionCounter.builder(prefix + ".events.applied", applied, AtomicLong::get)
                .description(what + " applied to the views").register(meters);
        FunctionCounter.builder(prefix + ".duplicates", duplicates, AtomicLong::get)
                .description(what + " skipped because their sequence was already applied").register(meters);
        FunctionCounter.builder(prefix + ".gaps", gaps, AtomicLong::get)
                .description(what + " more than one sequence ahead, healed from the event store").register(meters);
    }

    void counted(ConversationProjection.Outcome outcome) {
        (outcome == ConversationProjection.Outcome.DUPLICATE ? duplicates : applied).incrementAndGet();
    }

    void gap() {
        gaps.incrementAndGet();
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
