package io.parley.http;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.uri.UriMatchInfo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.parley.config.LogSettings;
import io.parley.tracing.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Every HTTP request gets an id: the client's {@code X-Request-Id} when it sent a usable one (echoed back in that
 * header), else a new one. It is answered in {@code Parley-Request-Id} and is in the MDC of everything logged while
 * the request is handled, with the conversation it is about (its {@code conversationId} path variable) and the trace
 * and span of its server span. With {@code PARLEY_ACCESS_LOG=true} each request is also logged in one line (the path
 * without its query string, which may hold an access token).
 * <p>
 * It runs after the tracing filter (the server span exists) and before security (a 401 carries the id too).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestIds implements Ordered {
    /** The response header with the request's id. */
    public static final String HEADER = "Parley-Request-Id";
    /** A client's own request id, echoed back when usable. */
    public static final String CLIENT_HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = RequestIds.class.getName();
    /** An id safe to log and to send back: short, printable, no separators a log reader could be fooled by. */
    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9._:/+=@-]{1,128}");
    private static final Logger ACCESS = LoggerFactory.getLogger("io.parley.http.access");
    private static final HexFormat HEX = HexFormat.of();
    private final boolean accessLog;

    RequestIds(LogSettings settings) {
        this.accessLog = settings.accessLog();
    }

    private record Identified(String id, boolean fromClient, String conversationId, SpanContext span, long startedNanos) {
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.TRACING.after();
    }

    @RequestFilter
    void identify(HttpRequest<?> request, MutablePropagatedContext propagated) {
        String sent = request.getHeaders().get(CLIENT_HEADER);
        boolean fromClient = sent != null && USABLE.matcher(sent).matches();
        String id = fromClient ? sent : newId();
        String conversationId = BasicHttpAttributes.getRouteMatchInfo(request).map(UriMatchInfo::getVariableValues)
                .map(variables -> variables.get("conversationId")).map(Object::toString).orElse(null);
        SpanContext span = Span.current().getSpanContext();
        request.setAttribute(ATTRIBUTE, new Identified(id, fromClient, conversationId, span, System.nanoTime()));
        Map<String, String> fields = new HashMap<>(8);
        fields.put(LogFields.REQUEST_ID, id);
        if (conversationId != null) {
            fields.put(LogFields.CONVERSATION_ID, conversationId);
        }
        if (span.isValid()) {
            fields.put(LogFields.TRACE_ID, span.getTraceId());
            fields.put(LogFields.SPAN_ID, span.getSpanId());
        }
        propagated.add(new MdcPropagationContext(fields));
    }

    @ResponseFilter
    void answer(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Identified identified = request.getAttribute(ATTRIBUTE, Identified.class).orElse(null);
        if (identified == null) {
            return;
        }
        response.header(HEADER, identified.id());
        if (identified.fromClient()) {
            response.header(CLIENT_HEADER, identified.id());
        }
        if (accessLog) {
            logAccess(request, response, identified);
        }
    }

    private static void logAccess(HttpRequest<?> request, MutableHttpResponse<?> response, Identified identified) {
        String before = MDC.get(LogFields.REQUEST_ID);
        MDC.put(LogFields.REQUEST_ID, identified.id());
        try (LogFields.Scope ignored = LogFields.of(identified.conversationId(), identified.span())) {
            ACCESS.info("{} {} {} {} ms", request.getMethodName(), request.getPath(), response.code(),
                    (System.nanoTime() - identified.startedNanos()) / 1_000_000);
        } finally {
            if (before == null) {
                MDC.remove(LogFields.REQUEST_ID);
            } else {
                MDC.put(LogFields.REQUEST_ID, before);
            }
        }
    }

    /** 16 random bytes in hex, as a trace id looks: unique enough to find one request's lines. */
    private static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // not String.format: it showed in profiles of the send path
        return HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
    }
}
