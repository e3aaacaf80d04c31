package io.parley.http;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The error answers of the OpenAPI document, one annotation per kind of failure, each an
 * {@code application/problem+json} {@link Problem}: put on a controller (every operation of it) or on one operation.
 * They only document what {@link ProblemBodyProvider} and {@link DomainExceptionHandlers} answer; they change no
 * behaviour. {@code OpenApiDocumentIntegrationTest} holds every operation to at least one of them.
 */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    /**
     * 400 and 401: for every operation that needs a token. A malformed query or header (any operation) or body,
     * a value out of range, a rule of the request; no valid token.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "validation_failed: malformed JSON, query or header, a value out "
            + "of range, a rule of the request",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/validation-failed","title":"Bad Request","status":400,\
                            "detail":"If-Match must be one sequence (a decimal number or \\"12\\"), got abc",\
                            "code":"validation_failed"}\
                            """)))
    @ApiResponse(responseCode = "401", description = "unauthenticated: no valid token (missing, malformed, expired, "
            + "not yet valid, badly signed)",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/unauthenticated","title":"Unauthorized","status":401,\
                            "detail":"Unauthorized","code":"unauthenticated"}""")))
    public @interface Authenticated {
    }

    /** 400 for the public operations: a malformed query or header. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "400", description = "validation_failed: malformed query or header, or body",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Anonymous {
    }

    /** 403: a participant without the permission the operation needs. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "403", description = "forbidden: a participant without the permission this needs",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/forbidden","title":"Forbidden","status":403,\
                            "detail":"bob may not manage participants of team-1","code":"forbidden"}""")))
    public @interface Forbidden {
    }

    /** 404: unknown, or not visible to the caller (the same answer: existence is not revealed). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "404", description = "not_found: unknown, or not visible to the caller (the same "
            + "answer)",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/not-found","title":"Not Found","status":404,\
                            "detail":"conversation team-1 not found","code":"not_found"}""")))
    public @interface NotFound {
    }

    /** 409: a state the request cannot apply to (an id taken, a removed message, a deleted conversation, ...). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "409", description = "conflict: an id or uniqueName taken, a removed message, a "
            + "deleted conversation, the last owner giving up ownership",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/conflict","title":"Conflict","status":409,\
                            "detail":"conversation team-1 is deleted","code":"conflict"}""")))
    public @interface Conflict {
    }

    /** A conditional write ({@code If-Match}, see {@link IfMatch.Documented}): its 412. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "412", description = "precondition_failed: If-Match is not the last sequence; "
            + "`lastSequence` is the current one",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(value = """
                            {"type":"https://parley.dev/problems/precondition-failed","title":"Precondition Failed",\
                            "status":412,"detail":"conversation team-1 is at sequence 3, not 1",\
                            "code":"precondition_failed","lastSequence":3}""")))
    public @interface ConditionalWrite {
    }

    /** 413 and 415: an operation that takes a JSON body. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "413", description = "payload_too_large: a body over the request limit (256 KiB by "
            + "default)",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "415", description = "validation_failed: a body that is not application/json in "
            + "UTF-8, or a Content-Encoding other than identity",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface JsonBody {
    }

    /** 503: a read of the views about a conversation they do not know yet (retry). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(responseCode = "503", description = "unavailable: the views do not know the conversation yet; retry",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface ViewsBehind {
    }
}
