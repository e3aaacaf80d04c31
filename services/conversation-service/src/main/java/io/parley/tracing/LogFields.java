package io.parley.tracing;

import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * The fields every log line may carry, in both log formats (the MDC): which HTTP request, which conversation, which
 * trace and span it belongs to. Never a secret: ids only.
 */
public final class LogFields {
    /** The HTTP request's id (the {@code Parley-Request-Id} response header). */
    public static final String REQUEST_ID = "request_id";
    public static final String CONVERSATION_ID = "conversation_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";

    private LogFields() {
    }

    /** Until closed: this conversation (when not null) and span (when valid); what was there before comes back. */
    public static Scope of(String conversationId, SpanContext span) {
        return new Scope(conversationId, span.isValid() ? span : null);
    }

    /** The fields a step set, put back as they were on {@link #close()}. Not for another thread. */
    public static final class Scope implements AutoCloseable {
        private final String conversationId;
        private final String traceId;
        private final String spanId;

        private Scope(String conversationId, SpanContext span) {
            this.conversationId = put(CONVERSATION_ID, conversationId);
            this.traceId = put(TRACE_ID, span == null ? null : span.getTraceId());
            this.spanId = put(SPAN_ID, span == null ? null : span.getSpanId());
        }

        /** The value before, after putting {@code value} (when not null). */
        private static String put(String key, String value) {
            String before = MDC.get(key);
            if (value != null) {
                MDC.put(key, value);
            }
            return before;
        }

        private static void restore(String key, String value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }

        @Override
        public void close() {
            restore(CONVERSATION_ID, conversationId);
            restore(TRACE_ID, traceId);
            restore(SPAN_ID, spanId);
        }
    }
}
