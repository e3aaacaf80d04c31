package io.parley.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * A stored event or view row that cannot be rendered (its serialized form or a JSON value in it does not
 * read back) is answered as an error item in its place, so that it never takes its page or conversation
 * down with it. Each time it is met, it is logged in one line and counted in
 * {@code parley.read.unreadable.events}, tagged with the read path.
 */
@Singleton
public class UnreadableRecords {
    /** The {@code error} of an item that cannot be rendered: short and stable, for clients to match. */
    public static final String ERROR = "unreadable";
    /** The replay of a conversation's log ({@code /events}). */
    public static final String EVENTS = "events";
    /** Messages from the views: history, one message, last messages of the inbox and sync. */
    public static final String MESSAGES = "messages";
    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRecords.class);
    private static final int MAX_REASON = 200;
    private final Map<String, Counter> counters;

    UnreadableRecords(MeterRegistry meters) {
        // registered up front, so that an alert on the counter sees 0 rather than nothing
        this.counters = Map.of(EVENTS, counter(meters, EVENTS), MESSAGES, counter(meters, MESSAGES));
    }

    private static Counter counter(MeterRegistry meters, String path) {
        return Counter.builder("parley.read.unreadable.events").tag("path", path)
                .description("Stored events and view rows answered as unreadable instead of rendered")
                .register(meters);
    }

    /** Logs and counts one unreadable event or row; {@code path} is {@link #EVENTS} or {@link #MESSAGES}. */
    public void report(String path, String conversationId, long sequence, RuntimeException cause) {
        counters.get(path).increment();
        String reason = String.valueOf(cause).replaceAll("\\s+", " ");
        LOG.warn("Unreadable {} record: conversation {} sequence {} answered as \"{}\": {}", path, conversationId,
                sequence, ERROR, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason);
    }
}
