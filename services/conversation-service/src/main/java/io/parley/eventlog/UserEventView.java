package io.parley.eventlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

/**
 * One of a user's private events as that user sees it in {@code /v1/sync} (and the stream):
 * {@code {userId, sequence, type, occurredAt, data}}; {@code data} has the fields of the payload record on
 * {@code parley.user-events.v1}, and for {@code user.profile_updated} also {@code privateCustomData}, which
 * only its owner ever reads.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "UserEvent")
public record UserEventView(String userId, long sequence, String type, Instant occurredAt,
                            @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                            Map<String, Object> data) {
}
