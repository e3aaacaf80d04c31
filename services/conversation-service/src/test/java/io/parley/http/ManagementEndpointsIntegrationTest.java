package io.parley.http;

import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API port serves probes and metrics to anyone and no other management endpoint: not the bean graph,
 * the routes, thread dumps, loggers, the environment, a refresh, Micronaut's own Prometheus endpoint, or Micronaut
 * Security's token introspection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementEndpointsIntegrationTest {
    private TestServer server;
    private ApiClient api;
    private String token;

    @BeforeAll
    void start() {
        server = TestServer.onH2("management", Map.of()).start();
        api = server.api();
        token = api.token("ops");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/routes", "/threaddump", "/prometheus", "/loggers", "/env", "/info", "/caches",
            "/refresh", "/stop", "/token_info"})
    void givenAManagementEndpoint_WhenCalledWithOrWithoutAToken_ThenNotServed(String path) {
        for (String method : new String[] {"GET", "POST"}) {
            for (String caller : new String[] {null, token}) {
                Response response = api.call(method, path, caller, null, null);
                assertThat(response.status()).as(method + " " + path + " -> " + response).isIn(401, 404, 405);
            }
        }
    }

    @Test
    void givenTheProbesAndMetrics_WhenCalledAnonymously_ThenServed() {
        assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
        Response metrics = api.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
    }
}
