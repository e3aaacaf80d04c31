package io.parley.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Every error Micronaut or Parley answers with (bad JSON, validation, 401, 404, 413, domain rules)
 * becomes one {@code application/problem+json} body with a stable code.
 */
@Singleton
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    @Override
    public Problem body(ErrorContext errorContext, HttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        String code = ProblemCode.of(status);
        String detail = errorContext.getErrors().stream().map(Error::getMessage)
                .collect(Collectors.joining("; "));
        if (detail.isEmpty() || status.getCode() >= 500) {
            // internal details stay in the log
            detail = status.getReason();
        }
        return Problem.of(status.getCode(), status.getReason(), code, detail);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }
}
