package io.parley.read.visibility;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/**
 * The event store holds what was asked for but the views did not reach it within the wait: {@code 503}
 * (retry), never a {@code 404} for something that exists.
 */
public final class ViewsBehind {
    private ViewsBehind() {
    }

    public static HttpStatusException of(String conversationId) {
        return new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "the views have not reached " + conversationId + " yet; retry");
    }
}
