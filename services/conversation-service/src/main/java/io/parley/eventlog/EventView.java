package io.parley.eventlog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * One conversation event as clients see it (API.md, Sync and replay). An event the caller may not see is
 * {@code {sequence, type: "hidden"}} and nothing else. A stored event that cannot be rendered is
 * {@code {conversationId, sequence, type, occurredAt, error}}, without {@code actor} and {@code data}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Event", description = "A conversation event; `hidden` (an event the caller may not see) has only "
        + "sequence and type; an unreadable stored event has error instead of actor and data. Types and their data: "
        + "docs/api.md, Event types.")
public record EventView(@Schema(requiredMode = NOT_REQUIRED) String conversationId,
                        @Schema(requiredMode = REQUIRED) long sequence,
                        @Schema(requiredMode = REQUIRED, example = "message.sent") String type,
                        @Schema(requiredMode = NOT_REQUIRED) Instant occurredAt,
                        @Schema(requiredMode = NOT_REQUIRED) String actor,
                        @Schema(requiredMode = NOT_REQUIRED, additionalProperties =
                                Schema.AdditionalPropertiesValue.TRUE) Map<String, Object> data,
                        @Schema(requiredMode = NOT_REQUIRED, example = "unreadable") String error) {
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
