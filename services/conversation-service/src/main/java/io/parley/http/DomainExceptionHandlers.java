package io.parley.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.parley.conversation.RejectedException;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** The one place where domain failures become HTTP problems. */
@Factory
public class DomainExceptionHandlers {

    /** A conversation's or a user's rule; {@code 412} carries that aggregate's last sequence. */
    @Singleton
    ExceptionHandler<RejectedException, HttpResponse<?>> rejected(ErrorResponseProcessor<?> errors) {
        return (request, e) -> switch (e.rejection()) {
            case NOT_FOUND -> problem(errors, request, e, HttpStatus.NOT_FOUND, e.getMessage());
            case FORBIDDEN -> problem(errors, request, e, HttpStatus.FORBIDDEN, e.getMessage());
            case CONFLICT -> problem(errors, request, e, HttpStatus.CONFLICT, e.getMessage());
            case VALIDATION_FAILED -> problem(errors, request, e, HttpStatus.BAD_REQUEST, e.getMessage());
            // the caller needs the current sequence to decide what to do next
            case PRECONDITION_FAILED -> HttpResponse.status(HttpStatus.PRECONDITION_FAILED)
                    .contentType(Problem.CONTENT_TYPE)
                    .body(new Problem("https://parley.dev/problems/precondition-failed", "Precondition Failed", 412,
                            e.getMessage(), "precondition_failed", e.lastSequence()));
        };
    }

    @Singleton
    ExceptionHandler<AggregateNotFoundException, HttpResponse<?>> missing(ErrorResponseProcessor<?> errors) {
        return (request, e) -> problem(errors, request, e, HttpStatus.NOT_FOUND,
                "conversation " + e.getAggregateIdentifier() + " not found");
    }

    @Singleton
    ExceptionHandler<CommandExecutionException, HttpResponse<?>> wrapped(ErrorResponseProcessor<?> errors,
            ExceptionHandler<RejectedException, HttpResponse<?>> rejected,
            ExceptionHandler<AggregateNotFoundException, HttpResponse<?>> missing) {
        return (request, e) -> {
            if (e.getCause() instanceof RejectedException cause) {
                return rejected.handle(request, cause);
            }
            if (e.getCause() instanceof AggregateNotFoundException cause) {
                return missing.handle(request, cause);
            }
            throw e;
        };
    }

    static HttpResponse<?> problem(ErrorResponseProcessor<?> errors, HttpRequest<?> request, Throwable cause,
                                   HttpStatus status, String detail) {
        return errors.processResponse(ErrorContext.builder(request).cause(cause).errorMessage(detail).build(),
                HttpResponse.status(status));
    }
}
