package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code parley.log}: how the process logs.
 *
 * @param format    {@code text} (one line per event, the default) or {@code json} (one JSON object per line, Logback's
 *                  {@code JsonEncoder}). logback.xml reads {@code PARLEY_LOG_FORMAT} itself; it is checked here so
 *                  that a misspelt value stops the server instead of quietly logging text.
 * @param accessLog one INFO line per HTTP request (method, path without the query, status, milliseconds), with the
 *                  request's ids
 */
@Context
@ConfigurationProperties("parley.log")
public record LogSettings(@NotNull @Pattern(regexp = "text|json", message = "must be text or json") String format,
                          boolean accessLog) {
}
