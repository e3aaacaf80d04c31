package io.parley.sync;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Map;

/** One conversation event as clients see it (API.md, Sync and replay). */
@Serdeable
public record EventView(String conversationId, long sequence, String type, Instant occurredAt, String actor,
                        Map<String, Object> data) {
}
