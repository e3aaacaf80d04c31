package io.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem with Parley's stable {@code code}; {@code lastSequence} only on a failed
 * {@code If-Match} (412).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, Long lastSequence) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String reason, String code, String detail) {
        return new Problem("https://parley.dev/problems/" + code.replace('_', '-'), reason, status, detail, code, null);
    }
}
