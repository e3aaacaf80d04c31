package io.parley.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** An RFC 9457 problem with Parley's stable {@code code}. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code) {
    public static final String CONTENT_TYPE = "application/problem+json";
}
