package io.parley.openapi;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yml}: the OpenAPI document of the HTTP API, written by the compiler from the controllers and
 * their annotations (micronaut-openapi, see {@code openapi.properties}) into the jar. Served by every process
 * whatever its roles, to anyone, as it is in the jar.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Operations")
@ProblemResponses.Anonymous
public class OpenApiController {
    /** Where micronaut-openapi writes the document ({@code micronaut.openapi.filename} in openapi.properties). */
    static final String DOCUMENT = "classpath:META-INF/swagger/openapi.yml";
    /** RFC 9512. */
    static final String YAML = "application/yaml";
    private final byte[] document;

    OpenApiController(ResourceResolver resources) {
        // read once: the jar does not change under a running process
        try (InputStream in = resources.getResourceAsStream(DOCUMENT).orElseThrow(
                () -> new IllegalStateException(DOCUMENT + " is missing: the build writes it when it compiles"))) {
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    @Produces(YAML + ";charset=utf-8")
    @Operation(operationId = "openApiDocument", summary = "This document",
            description = "The OpenAPI document of the HTTP API, as YAML. docs/api.md remains the detailed reference.")
    @ApiResponse(responseCode = "200", description = "The OpenAPI document",
            content = @Content(mediaType = YAML, schema = @Schema(type = "string")))
    HttpResponse<byte[]> document() {
        return HttpResponse.ok(document);
    }
}
