package io.parley.security;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.jwt.validator.JWTClaimsSetUtils;
import io.parley.config.SecuritySettings;
import io.parley.http.Ids;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The claims every token must satisfy beyond Micronaut's own checks (API.md, Identity and access):
 * <ul>
 *   <li>{@code exp} present, and {@code exp}/{@code nbf} enforced with {@value #CLOCK_SKEW_SECONDS} s of clock
 *       skew (Nimbus JOSE's claims verifier; Micronaut's validators allow none);</li>
 *   <li>{@code sub} a JSON string in the user-id syntax (1–128 of letters, digits and {@code _-.:@}):
 *       {@code ""}, {@code "alice smith"} or the number {@code 12345} is refused;</li>
 *   <li>with {@code PARLEY_JWT_ISSUER} / {@code PARLEY_JWT_AUDIENCE} set, {@code iss} equal to the one and
 *       {@code aud} containing the other;</li>
 *   <li>one token per request: not one in the header and another as {@code access_token}.</li>
 * </ul>
 * A refused token is 401.
 */
@Singleton
public class TokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {
    static final int CLOCK_SKEW_SECONDS = 60;
    private static final Pattern USER_ID = Pattern.compile(Ids.PATTERN);
    private static final String BEARER = "Bearer ";
    private final DefaultJWTClaimsVerifier<?> verifier;

    TokenClaimsValidator(SecuritySettings settings) {
        String issuer = settings.jwtIssuer();
        String audience = settings.jwtAudience();
        verifier = new DefaultJWTClaimsVerifier<>(
                // Nimbus asks its sets whether they contain null, which immutable sets answer with an exception
                StringUtils.isEmpty(audience) ? null : new HashSet<>(Set.of(audience)),
                StringUtils.isEmpty(issuer) ? null : new JWTClaimsSet.Builder().issuer(issuer).build(),
                new HashSet<>(Set.of("sub", "exp")), new HashSet<>());
        verifier.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    }

    @Override
    public boolean validate(Claims claims, T request) {
        if (request instanceof HttpRequest<?> http && AccessTokenQueryReader.carriesTwoTokens(http)) {
            return false;
        }
        JWTClaimsSet set = JWTClaimsSetUtils.jwtClaimsSetFromClaims(claims);
        if (!(set.getClaim("sub") instanceof String subject) || !USER_ID.matcher(subject).matches()
                || !subjectIsAJsonString(request)) {
            return false;
        }
        try {
            verifier.verify(set, null);
            return true;
        } catch (BadJOSEException e) {
            return false;
        }
    }

    /**
     * Nimbus turns a numeric {@code sub} into a string when it builds the claims set, so the type is read
     * from the token as sent.
     */
    private static boolean subjectIsAJsonString(Object request) {
        if (!(request instanceof HttpRequest<?> http)) {
            return true;
        }
        String authorization = http.getHeaders().get(HttpHeaders.AUTHORIZATION);
        String token;
        if (authorization != null && authorization.startsWith(BEARER)) {
            token = authorization.substring(BEARER.length()).trim();
        } else {
            token = AccessTokenQueryReader.queryToken(http).orElse(null);
        }
        if (token == null) {
            return true;
        }
        try {
            var payload = JWSObject.parse(token).getPayload().toJSONObject();
            return payload != null && payload.get("sub") instanceof String;
        } catch (ParseException e) {
            return false;
        }
    }
}
