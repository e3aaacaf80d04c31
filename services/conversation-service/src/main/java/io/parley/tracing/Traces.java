package io.parley.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The trace of a command as it travels: its context is written as W3C Trace Context fields ({@value #TRACEPARENT},
 * and {@value #TRACESTATE} when there is one) into the metadata of the events it appends, from there into the headers
 * of their Kafka records, and each step that handles them (relay, projector, gateway) starts its span as a child of
 * what it finds. The fields are W3C's whatever propagators {@code OTEL_PROPAGATORS} chooses for HTTP: they are part of
 * the stored events and the published records, which must not change with a process's settings.
 * <p>
 * A step that finds no context (an event appended before this existed, or by no traced request) starts no span.
 * With tracing off every span is a non-recording one: ids for the logs, nothing kept or sent.
 */
@Singleton
public class Traces {
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Function<String, String>> FIELDS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };
    private final Tracer tracer;

    Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.parley");
    }

    /** The current span's context as W3C fields, empty when there is no valid current span. */
    public static Map<String, String> currentFields() {
        Map<String, String> fields = new HashMap<>(4);
        W3C.inject(Context.current(), fields, Map::put);
        return fields;
    }

    /** The context that W3C fields (an event's metadata, a record's headers) describe, if they hold a valid one. */
    public static Optional<Context> parent(Function<String, String> fields) {
        if (fields.apply(TRACEPARENT) == null) {
            return Optional.empty();
        }
        Context context = W3C.extract(Context.root(), fields, FIELDS);
        return Span.fromContext(context).getSpanContext().isValid() ? Optional.of(context) : Optional.empty();
    }

    /** The span context those fields describe, or an invalid one: for the logs of a step that starts no span. */
    public static SpanContext spanContext(Function<String, String> fields) {
        return parent(fields).map(context -> Span.fromContext(context).getSpanContext())
                .orElse(SpanContext.getInvalid());
    }

    /** Writes {@code span}'s context as W3C fields. */
    public static void write(Span span, BiConsumer<String, String> fields) {
        W3C.inject(Context.root().with(span), fields, (target, name, value) -> target.accept(name, value));
    }

    /** Starts a span of {@code kind} as a child of {@code parent}, for the caller to end. */
    public Span start(String name, SpanKind kind, Context parent) {
        return tracer.spanBuilder(name).setSpanKind(kind).setParent(parent).startSpan();
    }

    /** A span child of the context in {@code fields}, or empty when they hold none. */
    public Optional<Span> startChild(String name, SpanKind kind, Function<String, String> fields) {
        return parent(fields).map(context -> start(name, kind, context));
    }
}
