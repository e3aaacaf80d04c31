package io.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * An RFC 9457 problem with Parley's stable {@code code}; {@code lastSequence} only on a failed
 * {@code If-Match} (412).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error (RFC 9457, application/problem+json) with a stable `code`.")
public record Problem(
        @Schema(requiredMode = REQUIRED, description = "https://parley.dev/problems/ and the code with - for _",
                example = "https://parley.dev/problems/not-found") String type,
        @Schema(requiredMode = REQUIRED, description = "The HTTP reason phrase", example = "Not Found") String title,
        @Schema(requiredMode = REQUIRED, description = "The HTTP status", example = "404") int status,
        @Schema(requiredMode = REQUIRED, description = "For humans; may change",
                example = "conversation team-1 not found") String detail,
        @Schema(requiredMode = REQUIRED, description = "Stable: what a client decides on. 415 is validation_failed, "
                + "405 not_found; rate_limited is reserved (no rate limit is enforced yet).", type = "string",
                allowableValues = {"validation_failed", "unauthenticated", "forbidden", "not_found", "conflict",
                        "precondition_failed", "payload_too_large", "rate_limited", "unavailable", "internal_error"},
                example = "not_found") String code,
        @Schema(requiredMode = NOT_REQUIRED, description = "412 only: the current last sequence (of the conversation, "
                + "or of the caller's own events under /v1/users/me), the If-Match to send instead")
        Long lastSequence) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String reason, String code, String detail) {
        return new Problem("https://parley.dev/problems/" + code.replace('_', '-'), reason, status, detail, code, null);
    }
}
