package io.parley.http;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Input that is well-formed JSON but not a valid request: 400 validation_failed. */
public class BadRequest extends HttpStatusException {
    public BadRequest(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
