package io.parley.tracing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.inject.Singleton;

/** For {@link TracingIntegrationTest} only: every ended span of its server, kept in memory. */
@Factory
@Requires(property = "spec.name", value = "TracingIntegrationTest")
class InMemorySpans {
    static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

    @Singleton
    SpanProcessor inMemory() {
        return SimpleSpanProcessor.create(EXPORTER);
    }
}
