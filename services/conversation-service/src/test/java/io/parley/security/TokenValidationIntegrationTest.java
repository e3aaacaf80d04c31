package io.parley.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.parley.support.ApiClient;
import io.parley.support.ApiClient.Response;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.parley.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens on the real server (API.md, Identity and access): signed with the server's secret, {@code exp}
 * and {@code nbf} enforced with a small clock skew, {@code sub} a string in the user-id syntax, and with
 * an issuer and audience configured, both checked. Anything else is 401 and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenValidationIntegrationTest {
    private static final String ISSUER = "https://id.example.test";
    private static final String AUDIENCE = "parley-tests";
    private TestServer server;
    private ApiClient api;
    private String conversation;

    @BeforeAll
    void start() {
        server = TestServer.onH2("tokens", Map.of("parley.security.jwt-issuer", ISSUER,
                "parley.security.jwt-audience", AUDIENCE)).start();
        api = server.api();
        conversation = "c-" + UUID.randomUUID();
        Response created = api.post("/v1/conversations", token(claims -> { }),
                "{\"conversationId\":\"" + conversation + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** A token for alice signed with the server's secret, valid now, edited by {@code change}. */
    private static String token(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("alice").issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
        change.accept(claims);
        return sign(claims.build());
    }

    private static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(TestServer.JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private long lastSequence() {
        Response page = api.get("/v1/conversations/" + conversation + "/events?after=0", token(claims -> { }));
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.body().get("lastSequence").asLong();
    }

    /** A send with {@code token} is 401 unauthenticated and appends nothing. */
    private void assertRefused(String token) {
        long before = lastSequence();
        Response response = api.post("/v1/conversations/" + conversation + "/messages", token, "{\"text\":\"as owner\"}");
        assertProblem(response, 401, "unauthenticated");
        assertThat(lastSequence()).isEqualTo(before);
        assertProblem(api.get("/v1/conversations/" + conversation + "/events?after=0", token), 401, "unauthenticated");
    }

    @Test
    void givenAValidToken_WhenSending_ThenAccepted() {
        Response sent = api.post("/v1/conversations/" + conversation + "/messages", token(claims -> { }),
                "{\"text\":\"valid\"}");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }

    @Test
    void givenNotBeforeOneHourAhead_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(3600)))));
    }

    @Test
    void givenNotBeforeWithinTheClockSkew_WhenSending_ThenAccepted() {
        String token = token(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(20))));
        assertThat(api.post("/v1/conversations/" + conversation + "/messages", token, "{\"text\":\"skew\"}").status())
                .isEqualTo(201);
    }

    @Test
    void givenAnExpiredToken_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(3600)))));
    }

    @Test
    void givenNoExpiry_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.expirationTime(null)));
    }

    @Test
    void givenAnEmptySubject_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.subject("")));
    }

    @Test
    void givenANumericSubject_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.subject(null).claim("sub", 12345)));
    }

    @Test
    void givenASubjectOutsideTheIdSyntax_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.subject("alice smith")));
        assertRefused(token(claims -> claims.subject("a".repeat(129))));
    }

    @Test
    void givenNoSubject_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.subject(null)));
    }

    @Test
    void givenAnotherIssuer_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.issuer("https://elsewhere.test")));
    }

    @Test
    void givenAnotherAudience_WhenSending_ThenRefused() {
        assertRefused(token(claims -> claims.audience("someone-else")));
    }

    @Test
    void givenAnUnsignedToken_WhenSending_ThenRefused() {
        Instant now = Instant.now();
        assertRefused(new PlainJWT(new JWTClaimsSet.Builder().subject("alice").issuer(ISSUER).audience(AUDIENCE)
                .expirationTime(Date.from(now.plusSeconds(600))).build()).serialize());
    }

    @Test
    void givenATokenSignedWithAnotherSecret_WhenSending_ThenRefused() throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject("alice")
                .issuer(ISSUER).audience(AUDIENCE).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new MACSigner("another-secret-that-is-long-enough-0123456789".getBytes(StandardCharsets.UTF_8)));
        assertRefused(jwt.serialize());
    }
}
