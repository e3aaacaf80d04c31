package io.parley.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code PARLEY_JWKS_URL} set, tokens signed with the identity provider's keys are accepted and the
 * HMAC secret is not (a token signed with it is 401), and dev tokens do not exist. The provider is a
 * small HTTP server in the test publishing one RSA key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksTokensIntegrationTest {
    private HttpServer provider;
    private RSAKey key;
    private TestServer server;
    private ApiClient api;

    @BeforeAll
    void start() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        provider.start();
        String url = "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json";
        System.out.println("JWKS published at " + url);
        server = TestServer.onH2("jwks", Map.of("parley.security.jwks-url", url)).start();
        api = server.api();
    }

    @AfterAll
    void stop() {
        server.close();
        provider.stop(0);
    }

    private static JWTClaimsSet claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build();
    }

    private String providerToken(String subject) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(subject));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void givenATokenSignedWithTheProvidersKey_WhenCreating_ThenAccepted() throws JOSEException {
        Response created = api.post("/v1/conversations", providerToken("alice"),
                "{\"conversationId\":\"c-" + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @Test
    void givenATokenSignedWithTheHmacSecret_WhenCreating_ThenRefused() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("alice"));
        jwt.sign(new MACSigner(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        assertProblem(api.post("/v1/conversations", jwt.serialize(), "{\"conversationId\":\"c-" + UUID.randomUUID() + "\"}"),
                401, "unauthenticated");
    }

    @Test
    void givenATokenSignedWithAnotherRsaKey_WhenCreating_ThenRefused() throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID("test-key").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test-key").build(), claims("alice"));
        jwt.sign(new RSASSASigner(other));
        assertProblem(api.post("/v1/conversations", jwt.serialize(), "{}"), 401, "unauthenticated");
    }

    @Test
    void givenJwks_WhenAskingForADevToken_ThenNotFound() {
        assertProblem(api.post("/v1/dev/tokens", null, "{\"userId\":\"alice\"}"), 404, "not_found");
    }
}
