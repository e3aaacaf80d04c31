package io.parley.tracing;

import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.parley.config.TracingSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns traces on or off for Micronaut's OpenTelemetry SDK, which reads the standard {@code OTEL_*} settings.
 * <ul>
 *   <li>On ({@code PARLEY_TRACING_ENABLED=true}, or unset and an OTLP endpoint configured): the configured exporter
 *       (OTLP over HTTP by default, application.yml) and, unless {@code OTEL_TRACES_SAMPLER} is set, a parent-based
 *       sampler recording {@code PARLEY_TRACING_SAMPLE_RATIO} of new traces.</li>
 *   <li>Off: no exporter and a sampler that records nothing. Spans still get ids, so that logs and events carry a
 *       trace id to correlate by, but none is kept, timed or sent; a caller's sampled {@code traceparent} does not
 *       turn recording on.</li>
 * </ul>
 */
@Singleton
class TracingSwitch implements OpenTelemetryBuilderCustomizer {
    private static final Logger LOG = LoggerFactory.getLogger(TracingSwitch.class);
    private static final String EXPORTER = "otel.traces.exporter";
    private static final String SAMPLER = "otel.traces.sampler";
    private static final String SAMPLER_ARG = "otel.traces.sampler.arg";
    private final TracingSettings settings;

    TracingSwitch(TracingSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addPropertiesCustomizer(this::overrides);
    }

    Map<String, String> overrides(ConfigProperties config) {
        Map<String, String> overrides = new HashMap<>();
        String endpoint = config.getString("otel.exporter.otlp.traces.endpoint",
                config.getString("otel.exporter.otlp.endpoint", ""));
        boolean on = settings.explicitlyEnabled().orElse(!endpoint.isBlank());
        if (on) {
            if (config.getString(SAMPLER) == null) {
                overrides.put(SAMPLER, "parentbased_traceidratio");
                overrides.put(SAMPLER_ARG, Double.toString(settings.sampleRatio()));
            }
            String exporter = config.getString(EXPORTER, "none");
            LOG.info("Tracing on: exporter {}{}, sampler {}", exporter,
                    exporter.contains("otlp") ? " to " + (endpoint.isBlank() ? "the default endpoint" : where(endpoint)) : "",
                    overrides.containsKey(SAMPLER) ? "parent-based, ratio " + settings.sampleRatio()
                            : config.getString(SAMPLER));
        } else {
            overrides.put(EXPORTER, "none");
            overrides.put(SAMPLER, "always_off");
            LOG.info("Tracing off (PARLEY_TRACING_ENABLED=true or an OTLP endpoint turns it on)");
        }
        return overrides;
    }

    /** Scheme, host, port and path of an endpoint: never credentials or parameters that may be in it. */
    static String where(String endpoint) {
        try {
            java.net.URI uri = java.net.URI.create(endpoint.trim());
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getPath() == null ? "" : uri.getPath());
        } catch (IllegalArgumentException e) {
            return "(an endpoint that is not a URL)";
        }
    }
}
