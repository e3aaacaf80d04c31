package io.parley.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.util.List;

/**
 * Headers that must not be ambiguous, checked before authentication and before the body is read:
 * <ul>
 *   <li>{@code Authorization}, {@code If-Match}, {@code Content-Type} and {@code Content-Encoding} at most
 *       once (two {@code Authorization} headers are 400: which one would be the caller?);</li>
 *   <li>a {@code Content-Encoding} other than {@code identity} is 415 with {@code Accept-Encoding: identity}
 *       (RFC 9110 §15.5.16, RFC 7694): the server decodes no content coding;</li>
 *   <li>a {@code Content-Length} over {@code micronaut.server.max-request-size} is 413 before any of the body
 *       is read, so a client that sent {@code Expect: 100-continue} gets 413 instead of "100 Continue".</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RequestHeadersFilter implements Ordered {
    private static final List<String> SINGLE_VALUED = List.of(
            HttpHeaders.AUTHORIZATION, HttpHeaders.IF_MATCH, HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_ENCODING);
    private final ErrorResponseProcessor<?> errors;
    private final long maxRequestSize;

    RequestHeadersFilter(ErrorResponseProcessor<?> errors, HttpServerConfiguration server) {
        this.errors = errors;
        this.maxRequestSize = server.getMaxRequestSize();
    }

    @Override
    public int getOrder() {
        // before authentication: an ambiguous header must not reach it
        return ServerFilterPhase.FIRST.order();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> rejectAmbiguousHeaders(HttpRequest<?> request) {
        HttpHeaders headers = request.getHeaders();
        for (String name : SINGLE_VALUED) {
            if (headers.getAll(name).size() > 1) {
                return problem(request, HttpStatus.BAD_REQUEST, "The " + name + " header may be sent only once");
            }
        }
        String encoding = headers.get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.trim().equalsIgnoreCase("identity")) {
            return problem(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding " + encoding + " is not supported: send the body uncompressed")
                    .header(HttpHeaders.ACCEPT_ENCODING, "identity");
        }
        if (request.getContentLength() > maxRequestSize) {
            return problem(request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, "The body of " + request.getContentLength()
                    + " bytes exceeds the limit of " + maxRequestSize + " bytes");
        }
        return null;
    }

    private MutableHttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String detail) {
        return errors.processResponse(ErrorContext.builder(request).errorMessage(detail).build(),
                HttpResponse.status(status));
    }
}
