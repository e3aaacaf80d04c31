package io.parley.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

import java.util.Optional;

/**
 * Every JSON request body is checked once, before it is bound, against {@link IJson} (RFC 7493): valid
 * UTF-8, one value, no duplicate member names, no lone surrogates. A body declared in another charset
 * is 415; a malformed one is 400 {@code validation_failed}. Bodies without a content type are checked
 * too, because the binder reads them as JSON.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StrictJsonFilter {
    private final ErrorResponseProcessor<?> errors;

    StrictJsonFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> rejectMalformedJson(HttpRequest<?> request, @Body @Nullable byte[] body) {
        if (body == null || body.length == 0 || !readAsJson(request.getContentType())) {
            return null;
        }
        Optional<String> charset = request.getContentType().flatMap(type -> type.getParameters().get("charset"));
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            return problem(request, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Request bodies are UTF-8 JSON (RFC 7493); charset " + charset.get() + " is not accepted");
        }
        String problem = IJson.problemWith(body);
        return problem == null ? null : problem(request, HttpStatus.BAD_REQUEST, problem);
    }

    private static boolean readAsJson(Optional<MediaType> contentType) {
        return contentType.map(type -> type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))
                .orElse(true);
    }

    private HttpResponse<?> problem(HttpRequest<?> request, HttpStatus status, String detail) {
        return errors.processResponse(ErrorContext.builder(request).errorMessage(detail).build(),
                HttpResponse.status(status));
    }
}
