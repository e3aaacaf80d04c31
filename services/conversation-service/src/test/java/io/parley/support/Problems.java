package io.parley.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.ApiClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on {@code application/problem+json} answers (RFC 9457 with API.md's stable codes). */
public final class Problems {
    private Problems() {
    }

    /** {@code response} is a problem with {@code status} and {@code code}, and every member filled. */
    public static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body).as(response.toString()).isNotNull();
        assertThat(body.path("type").asText()).as(response.toString()).isNotBlank();
        assertThat(body.path("title").asText()).as(response.toString()).isNotBlank();
        assertThat(body.path("status").isInt()).as(response.toString()).isTrue();
        assertThat(body.path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(body.path("detail").asText()).as(response.toString()).isNotBlank();
        assertThat(body.path("code").asText()).as(response.toString()).isEqualTo(code);
    }
}
