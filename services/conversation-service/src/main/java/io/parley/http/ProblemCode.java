package io.parley.http;

import io.micronaut.http.HttpStatus;

/** The stable error codes of API.md, one per HTTP status. */
public final class ProblemCode {
    private ProblemCode() {
    }

    public static String of(HttpStatus status) {
        return switch (status.getCode()) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404, 405 -> "not_found";
            case 409 -> "conflict";
            case 412 -> "precondition_failed";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status.getCode() >= 500 ? "internal_error" : "validation_failed";
        };
    }
}
