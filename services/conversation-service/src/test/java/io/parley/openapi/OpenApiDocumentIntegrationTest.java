package io.parley.openapi;

import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.http.annotation.Header;
import io.micronaut.management.endpoint.annotation.Endpoint;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.yml}: served to anyone, and it documents exactly the routes the server has (Micronaut's router,
 * management endpoints aside), each with a summary, a tag, the bearer requirement unless it is public, at least one
 * {@code application/problem+json} error, and {@code If-Match} with its 412 wherever the controller takes it. A
 * controller method added without its documentation fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIntegrationTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
            "trace");
    /** What anyone may call: the dev tokens, the probes, the metrics and the document itself. */
    private static final Set<String> PUBLIC = Set.of("POST /v1/dev/tokens", "GET /health/liveness",
            "GET /health/readiness", "GET /metrics", "GET /openapi.yml");
    private TestServer server;
    private Response served;
    private Map<String, Object> document;
    private Map<String, Map<String, Object>> operations;
    private List<UriRouteInfo<?, ?>> routes;

    @BeforeAll
    void start() {
        server = TestServer.onH2("openapi", Map.of()).start();
        served = server.api().get("/openapi.yml", null);
        document = new Yaml().load(served.text());
        operations = operations(document);
        routes = server.bean(Router.class).uriRoutes().toList();
        System.out.printf("OpenAPI document: %d paths, %d operations; the router has %d routes%n",
                map(document, "paths").size(), operations.size(), routes.size());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void givenNoToken_WhenTheDocumentIsAskedFor_ThenItIsServedAsYaml() {
        // given: no Authorization header (served above)
        // then
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(document.get("openapi")).asString().startsWith("3.");
        Map<String, Object> info = map(document, "info");
        assertThat(info.get("title")).isEqualTo("Parley");
        assertThat(info.get("version")).isEqualTo("v1");
        assertThat(info.get("description")).asString().contains("docs/api.md");
        assertThat(list(document, "servers")).isNotEmpty();
    }

    @Test
    void givenAProcessWithoutTheHttpApi_WhenTheDocumentIsAskedFor_ThenItIsServedThereToo() {
        // given: a relay-only process (no command role: no API routes)
        try (TestServer relay = TestServer.onH2("openapi-relay", Map.of("parley.roles", "relay")).start()) {
            ApiClient api = relay.api();
            assertThat(api.post("/v1/dev/tokens", null, "{\"userId\":\"x\"}").status()).isEqualTo(404);
            // when
            Response answer = api.get("/openapi.yml", null);
            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo(served.text());
        }
    }

    @Test
    void givenTheRouter_WhenComparedWithTheDocument_ThenEveryRouteIsDocumentedAndNothingElse() {
        // given: the routes of every controller and the stream, management endpoints aside; HEAD is GET's, implied
        Set<String> routed = routes.stream().filter(route -> !management(route))
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toCollection(TreeSet::new));
        // when: the document's operations, the probes (Micronaut's health endpoint) aside
        Set<String> documented = operations.keySet().stream().filter(operation -> !managementPath(operation))
                .collect(Collectors.toCollection(TreeSet::new));
        // then
        assertThat(documented).as("documented operations (left) against the router (right)")
                .containsExactlyElementsOf(routed);
        assertThat(operations).containsKeys("GET /health/liveness", "GET /health/readiness");
    }

    @Test
    void givenEveryOperation_ThenItHasASummaryATagAndAUniqueOperationId() {
        Set<String> ids = new TreeSet<>();
        operations.forEach((name, operation) -> {
            assertThat(operation.get("summary")).as(name + " summary").asString().isNotBlank();
            assertThat(operation.get("tags")).as(name + " tags").asList().isNotEmpty();
            assertThat(ids.add((String) operation.get("operationId"))).as(name + " operationId is unique").isTrue();
        });
    }

    @Test
    void givenEveryOperationButThePublicOnes_ThenItNeedsTheBearerToken() {
        // given
        Map<String, Object> scheme = map(map(map(document, "components"), "securitySchemes"), "bearerAuth");
        assertThat(scheme).containsEntry("type", "http").containsEntry("scheme", "bearer")
                .containsEntry("bearerFormat", "JWT");
        Object global = document.get("security");
        // then: the same public operations as @Secured(IS_ANONYMOUS) and the anonymous probes say
        assertThat(anonymousRoutes()).as("@Secured(isAnonymous()) routes").isSubsetOf(PUBLIC);
        operations.forEach((name, operation) -> {
            Object security = operation.containsKey("security") ? operation.get("security") : global;
            if (PUBLIC.contains(name)) {
                assertThat(security == null || ((List<?>) security).isEmpty()).as(name + " is public: " + security)
                        .isTrue();
            } else {
                assertThat(security).as(name + " needs the bearer token").isEqualTo(List.of(Map.of("bearerAuth",
                        List.of())));
            }
        });
        assertThat(operations.keySet()).containsAll(PUBLIC);
    }

    @Test
    void givenEveryOperation_ThenItAnswersErrorsAsProblems() {
        operations.forEach((name, operation) -> {
            Map<String, Object> responses = map(operation, "responses");
            List<String> problems = new ArrayList<>();
            responses.forEach((status, response) -> {
                Map<String, Object> content = map(cast(response), "content");
                if (status.startsWith("4") || status.startsWith("5")) {
                    if (content.containsKey("application/problem+json")) {
                        assertThat(map(map(content, "application/problem+json"), "schema"))
                                .as(name + " " + status).containsEntry("$ref", "#/components/schemas/Problem");
                        problems.add(status);
                    }
                }
            });
            assertThat(problems).as(name + ": a 4xx application/problem+json answer")
                    .anyMatch(status -> status.startsWith("4"));
            if (!PUBLIC.contains(name)) {
                assertThat(responses).as(name).containsKeys("400", "401");
            }
        });
        Map<String, Object> problem = map(map(map(document, "components"), "schemas"), "Problem");
        assertThat(map(problem, "properties")).containsKeys("type", "title", "status", "detail", "code",
                "lastSequence");
        assertThat(List.<Object>copyOf(list(problem, "required")))
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "code");
    }

    @Test
    void givenARouteThatTakesIfMatch_ThenTheDocumentSaysSoWithIts412() {
        List<String> conditional = routes.stream().filter(OpenApiDocumentIntegrationTest::takesIfMatch)
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .toList();
        assertThat(conditional).as("the routes with If-Match").hasSizeGreaterThan(20);
        for (String name : conditional) {
            Map<String, Object> operation = operations.get(name);
            assertThat(operation).as(name).isNotNull();
            assertThat(list(operation, "parameters")).as(name).anySatisfy(parameter -> {
                assertThat(cast(parameter)).containsEntry("name", "If-Match").containsEntry("in", "header");
                assertThat(cast(parameter).get("description")).asString().contains("412");
            });
            assertThat(map(operation, "responses")).as(name).containsKey("412");
        }
    }

    private static boolean takesIfMatch(UriRouteInfo<?, ?> route) {
        return Arrays.stream(route.getTargetMethod().getArguments()).anyMatch(argument ->
                "If-Match".equals(argument.getAnnotationMetadata().stringValue(Header.class).orElse(null)));
    }

    @Test
    void givenPagedReads_ThenPageSizeIsOneToOneHundred() {
        List<String> paged = new ArrayList<>();
        operations.forEach((name, operation) -> {
            for (Object parameter : list(operation, "parameters")) {
                if ("pageSize".equals(cast(parameter).get("name"))) {
                    Map<String, Object> schema = map(cast(parameter), "schema");
                    assertThat(schema).as(name).containsEntry("minimum", 1).containsEntry("maximum", 100)
                            .containsEntry("default", 30);
                    paged.add(name);
                }
            }
        });
        assertThat(paged).contains("GET /v1/conversations/{conversationId}/messages", "GET /v1/users/me/conversations",
                "GET /v1/conversations/public", "GET /v1/users/me/favourites");
    }

    private Set<String> anonymousRoutes() {
        return routes.stream().filter(route -> !management(route))
                .filter(route -> !route.getHttpMethodName().equals("HEAD"))
                .filter(route -> {
                    AnnotationMetadata metadata = route.getTargetMethod().getAnnotationMetadata();
                    return List.of(metadata.stringValues(Secured.class)).equals(List.of(SecurityRule.IS_ANONYMOUS));
                })
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate().toPathString())
                .collect(Collectors.toSet());
    }

    /** Micronaut's management endpoints (only health is enabled): documented by hand as the probes. */
    private static boolean management(UriRouteInfo<?, ?> route) {
        return route.getTargetMethod().getDeclaringType().isAnnotationPresent(Endpoint.class);
    }

    private boolean managementPath(String operation) {
        String method = operation.substring(0, operation.indexOf(' '));
        String path = operation.substring(operation.indexOf(' ') + 1);
        return routes.stream().filter(OpenApiDocumentIntegrationTest::management)
                .anyMatch(route -> route.getHttpMethodName().equals(method)
                        && route.getUriMatchTemplate().match(path).isPresent());
    }

    /** "METHOD /path" to the operation. */
    private static Map<String, Map<String, Object>> operations(Map<String, Object> document) {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        map(document, "paths").forEach((path, item) -> cast(item).forEach((method, operation) -> {
            if (HTTP_METHODS.contains(method)) {
                operations.put(method.toUpperCase(Locale.ROOT) + " " + path, cast(operation));
            }
        }));
        return operations;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? Map.of() : cast(value);
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<?>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
