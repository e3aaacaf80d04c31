package io.parley.config;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;

import java.util.Optional;

/**
 * {@code parley.tracing}: OpenTelemetry traces. The exporter itself is configured the standard way ({@code OTEL_*}
 * environment variables, e.g. {@code OTEL_EXPORTER_OTLP_ENDPOINT}).
 *
 * @param enabled     {@code true} or {@code false}; empty: on when an OTLP endpoint is configured
 *                    ({@code OTEL_EXPORTER_OTLP_ENDPOINT} or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT})
 * @param sampleRatio the share of new traces recorded (0 to 1), unless {@code OTEL_TRACES_SAMPLER} says otherwise; a
 *                    request that brings a {@code traceparent} follows its caller's decision
 */
@Context
@ConfigurationProperties("parley.tracing")
public record TracingSettings(@Nullable @Pattern(regexp = "|true|false", message = "must be true, false or empty")
                              String enabled,
                              @DecimalMin("0.0") @DecimalMax("1.0") double sampleRatio) {

    /** What {@link #enabled} says, or empty when it leaves the choice to the exporter's configuration. */
    public Optional<Boolean> explicitlyEnabled() {
        return enabled == null || enabled.isBlank() ? Optional.empty() : Optional.of(Boolean.parseBoolean(enabled));
    }
}
