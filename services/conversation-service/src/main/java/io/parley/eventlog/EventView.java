package io.parley.eventlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * One conversation event as clients see it (API.md, Sync and replay). An event the caller may not see is
 * {@code {sequence, type: "hidden"}} and nothing else. A stored event that cannot be rendered is
 * {@code {conversationId, sequence, type, occurredAt, error}}, without {@code actor} and {@code data}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String conversationId, long sequence, String type, Instant occurredAt, String actor,
                        Map<String, Object> data, String error) {
    public static final String HIDDEN = "hidden";
    /** The type of an unreadable event whose type is not known either. */
    public static final String UNREADABLE = "unreadable";

    public static EventView hidden(long sequence) {
        return new EventView(null, sequence, HIDDEN, null, null, null, null);
    }

    public static EventView unreadable(String conversationId, long sequence, String type, Instant occurredAt,
                                       String error) {
        return new EventView(conversationId, sequence, type, occurredAt, null, null, error);
    }
}
