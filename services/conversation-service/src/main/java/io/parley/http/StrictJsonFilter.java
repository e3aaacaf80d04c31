package io.parley.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

import java.io.IOException;

/**
 * A JSON request body is exactly one JSON value: anything after it ({@code {"text":"hi"}}}) is
 * malformed, although a parser that reads one value would accept it. Its numbers must be ones the server
 * can give back exactly ({@link ExactNumbers}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class StrictJsonFilter {
    private static final JsonFactory JSON = new JsonFactory();
    private final ErrorResponseProcessor<?> errors;

    StrictJsonFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> rejectTrailingContent(HttpRequest<?> request, @Body @Nullable byte[] body) {
        if (body == null || body.length == 0
                || !request.getContentType().map(MediaType.APPLICATION_JSON_TYPE::matches).orElse(false)) {
            return null;
        }
        String problem = problemWith(body);
        if (problem == null) {
            problem = ExactNumbers.problemWith(body);
        }
        if (problem == null) {
            return null;
        }
        return errors.processResponse(ErrorContext.builder(request).errorMessage(problem).build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    /** Null when the body is one well-formed JSON value; otherwise what is wrong with it. */
    static String problemWith(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return "Invalid JSON: the body is empty";
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            return after == null ? null : "Invalid JSON: unexpected content after the JSON value at "
                    + parser.currentTokenLocation().offsetDescription();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "Invalid JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "Invalid JSON: " + e.getMessage();
        }
    }
}
