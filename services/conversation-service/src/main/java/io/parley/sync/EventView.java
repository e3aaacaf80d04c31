package io.parley.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/**
 * One conversation event as clients see it (API.md, Sync and replay). An event the caller may not see is
 * {@code {sequence, type: "hidden"}} and nothing else.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventView(String conversationId, long sequence, String type, Instant occurredAt, String actor,
                        Map<String, Object> data) {
    public static final String HIDDEN = "hidden";

    public static EventView hidden(long sequence) {
        return new EventView(null, sequence, HIDDEN, null, null, null);
    }
}
