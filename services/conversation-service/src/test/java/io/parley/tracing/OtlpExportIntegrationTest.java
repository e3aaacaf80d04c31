package io.parley.tracing;

import com.sun.net.httpserver.HttpServer;
import io.parley.support.ApiClient;
import io.parley.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With nothing but an OTLP endpoint configured ({@code OTEL_EXPORTER_OTLP_ENDPOINT}), tracing is on and the spans of a
 * send reach the collector: OTLP over HTTP (protobuf) to {@code /v1/traces}, sent by the JDK's HTTP client. The
 * collector here is a loopback HTTP server that keeps what it is sent.
 */
class OtlpExportIntegrationTest {

    private record Export(String path, String contentType, byte[] body) {
    }

    @Test
    void givenAnOtlpEndpoint_WhenAMessageIsSent_ThenItsSpansAreExportedOverHttp() throws IOException {
        List<Export> exports = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                exports.add(new Export(exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body.readAllBytes()));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
        try (TestServer server = TestServer.onPostgres("otlp", Map.of("otel.exporter.otlp.endpoint", endpoint,
                "otel.bsp.schedule.delay", "200")).start()) {
            ApiClient api = server.api();
            String alice = api.token("alice-" + UUID.randomUUID());
            String id = "otlp-" + UUID.randomUUID();
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id + "\",\"participants\":"
                    + "[{\"userId\":\"bob-" + UUID.randomUUID() + "\"}]}").status()).isEqualTo(201);
            assertThat(api.post("/v1/conversations/" + id + "/messages", alice, "{\"text\":\"exported\"}").status())
                    .isEqualTo(201);

            // the batch processor sends the ended spans; protobuf keeps span names as plain UTF-8
            await().atMost(Duration.ofSeconds(60)).until(() -> exported(exports).contains("project"));
            assertThat(exports).allSatisfy(export -> {
                assertThat(export.path()).isEqualTo("/v1/traces");
                assertThat(export.contentType()).isEqualTo("application/x-protobuf");
            });
            assertThat(exported(exports)).contains("POST /v1/conversations/{conversationId}/messages")
                    .contains("relay publish").contains("parley");
        } finally {
            collector.stop(0);
        }
    }

    private static String exported(List<Export> exports) {
        StringBuilder all = new StringBuilder();
        exports.forEach(export -> all.append(new String(export.body(), StandardCharsets.ISO_8859_1)));
        return all.toString();
    }
}
