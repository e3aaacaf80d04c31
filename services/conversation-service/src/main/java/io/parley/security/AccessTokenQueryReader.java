package io.parley.security;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Browsers cannot set headers on a WebSocket: {@code GET /v1/stream?access_token=<JWT>} carries the token as a query
 * parameter (API.md, Live stream). Only on that path, so tokens do not end up in the access logs of other calls.
 */
@Singleton
public class AccessTokenQueryReader implements TokenReader<HttpRequest<?>> {
    static final String PATH = "/v1/stream";
    static final String PARAMETER = "access_token";

    /**
     * True when the request carries a token both in the {@code Authorization} header and as {@code access_token},
     * or {@code access_token} twice: which one is the caller? Such a request is refused (401) whichever token is
     * good, as two {@code Authorization} headers are.
     */
    static boolean carriesTwoTokens(HttpRequest<?> request) {
        int inQuery = PATH.equals(request.getPath()) ? request.getParameters().getAll(PARAMETER).size() : 0;
        return inQuery > 1 || inQuery == 1 && request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        return queryToken(request);
    }

    /** The {@code access_token} of a stream request, if it has one. */
    static Optional<String> queryToken(HttpRequest<?> request) {
        if (!PATH.equals(request.getPath())) {
            return Optional.empty();
        }
        return request.getParameters().getFirst(PARAMETER).filter(token -> !token.isBlank());
    }

    @Override
    public int getOrder() {
        // after the Authorization header: a header wins over the query parameter
        return 100;
    }
}
