package io.parley.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.micronaut.security.token.jwt.signature.jwks.JwkSetFetcher;
import io.micronaut.security.token.jwt.signature.jwks.JwkValidator;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignature;
import io.micronaut.security.token.jwt.signature.jwks.JwksSignatureConfiguration;
import io.parley.config.ParleySettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * With {@code PARLEY_JWKS_URL} set, tokens are verified with the identity provider's published keys
 * (Micronaut's {@link JwksSignature}, which caches them and refetches on an unknown key id). The HMAC
 * secret is then not accepted at all ({@link JwtSecretFactory} requires {@link JwksConfigured.Absent}).
 */
@Factory
public class JwksSignatureFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JwksSignatureFactory.class);
    /** Seconds the fetched keys are kept before they are fetched again. */
    static final int CACHE_SECONDS = 300;

    @Singleton
    @Requires(condition = JwksConfigured.class)
    SignatureConfiguration jwks(ParleySettings settings, JwkValidator validator, JwkSetFetcher<JWKSet> fetcher) {
        String url = settings.getSecurity().getJwksUrl();
        URI shown = URI.create(url);
        LOG.info("JWT: verified with the keys at {}://{}{} (the HMAC secret is not accepted)",
                shown.getScheme(), shown.getAuthority(), shown.getPath());
        return new JwksSignature(new JwksSignatureConfiguration() {
            @Override
            public String getUrl() {
                return url;
            }

            @Override
            public KeyType getKeyType() {
                return null;
            }

            @Override
            public Integer getCacheExpiration() {
                return CACHE_SECONDS;
            }

            @Override
            public String getName() {
                return "parley";
            }
        }, validator, fetcher);
    }
}
