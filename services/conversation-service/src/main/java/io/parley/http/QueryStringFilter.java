package io.parley.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Query parameters are held to the same rules as bodies before any controller binds them: percent-encoded
 * valid UTF-8 (a decoder that substitutes U+FFFD would let {@code %ff} through as something else), no
 * control characters, and a value for every parameter ({@code ?minSequence=} is not "absent"). Types and
 * ranges are the controllers' ({@code minSequence=abc} or {@code 2^63} fail to bind: 400).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class QueryStringFilter implements Ordered {
    private final ErrorResponseProcessor<?> errors;

    QueryStringFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @Override
    public int getOrder() {
        // before authentication: a malformed query is 400 whoever asks
        return ServerFilterPhase.FIRST.order() + 1;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> rejectMalformedQuery(HttpRequest<?> request) {
        String query = request.getUri().getRawQuery();
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String parameter : query.split("&", -1)) {
            String problem = problemWith(parameter);
            if (problem != null) {
                return errors.processResponse(ErrorContext.builder(request).errorMessage(problem).build(),
                        HttpResponse.status(HttpStatus.BAD_REQUEST));
            }
        }
        return null;
    }

    /** Null when {@code name=value} (raw, percent-encoded) is acceptable; otherwise a 400 detail naming it. */
    static String problemWith(String parameter) {
        int equals = parameter.indexOf('=');
        String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
        String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
        String shownName = name == null ? "a query parameter" : "query parameter " + name;
        if (name == null || name.isEmpty() || value == null) {
            return "Invalid " + shownName + ": percent-encoded UTF-8 expected (RFC 3986, RFC 7493 §2.1)";
        }
        if (value.isEmpty()) {
            return "Invalid " + shownName + ": a value is required (leave the parameter out instead)";
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return "Invalid " + shownName + ": control characters are not allowed";
        }
        return null;
    }

    /** The decoded text, or null when the escapes are broken or the bytes are not UTF-8. */
    private static String decode(String raw) {
        if (!raw.chars().allMatch(c -> c < 0x80)) {
            return null;
        }
        try {
            // Latin-1 maps every escaped byte to one char and back, so the UTF-8 check sees the bytes as sent
            return StrictUtf8.decodeOrNull(URLDecoder.decode(raw, StandardCharsets.ISO_8859_1)
                    .getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
