package io.parley.http;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI descriptions of the query parameters that many reads share, and of their answer's consistency
 * header; documentation only (binding and checks stay on the arguments: {@code @QueryValue}, {@code @Min}, ...).
 */
public final class ReadParameters {
    private ReadParameters() {
    }

    /** {@code minSequence}: read-your-writes by conversation sequence. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(in = ParameterIn.QUERY, description = "Wait up to 2 s until the views reach this conversation "
            + "sequence (e.g. the lastSequence of a write made elsewhere); if they do not, the answer is what they "
            + "hold, with Parley-Consistency: pending.", example = "12")
    public @interface MinSequence {
    }

    /** {@code minCursor}: read-your-writes by {@code /v1/sync} cursor. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(in = ParameterIn.QUERY, description = "A /v1/sync cursor this server issued: wait up to 2 s until "
            + "the caller's views reach it; if they do not, the answer is what they hold, with "
            + "Parley-Consistency: pending.")
    public @interface MinCursor {
    }

    /** {@code pageSize}: 30 by default, at most {@code parley.limits.max-page-size} (100 by default). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(in = ParameterIn.QUERY, description = "Items per page: default 30, at most 100 (parley.limits; "
            + "beyond: 400)",
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "100", defaultValue = "30"))
    public @interface PageSize {
    }

    /** {@code cursor}: where the previous page ended. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(in = ParameterIn.QUERY, description = "The nextCursor of the previous page (opaque); absent: the "
            + "first page. One this server did not issue is 400.")
    public @interface Cursor {
    }

    /**
     * The 200 of a read that waits for the views: the answer as the return type says, with the
     * {@code Parley-Consistency} header when the views did not get there in time.
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "200", description = "The answer, exact at its asOfSequence (or cursor)",
            useReturnTypeSchema = true,
            headers = @Header(name = "Parley-Consistency", description = "`pending`: the views did not reach what "
                    + "the read waited for (the caller's writes, minSequence, minCursor) within 2 s; the answer is "
                    + "what they hold", schema = @Schema(type = "string", allowableValues = "pending")))
    public @interface Consistent {
    }
}
