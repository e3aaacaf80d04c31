package io.parley.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.security.token.jwt.signature.SignatureConfiguration;
import io.parley.config.SecuritySettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.util.Set;

/**
 * With {@code PARLEY_JWKS_URL} set, tokens are verified with the identity provider's published keys and
 * the HMAC secret is not accepted ({@link JwtSecretFactory} requires {@link JwksConfigured.Absent}).
 * Nimbus JOSE's JWK source fetches the keys at start, refreshes them in the background before they
 * expire and refetches when a token names an unknown key id (rotation), so a request never waits for
 * the provider except on rotation.
 */
@Factory
public class JwksSignatureFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JwksSignatureFactory.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    @Singleton
    @Requires(condition = JwksConfigured.class)
    SignatureConfiguration jwks(SecuritySettings settings) throws MalformedURLException, KeySourceException {
        URI url = URI.create(settings.jwksUrl());
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(url.toURL()).retrying(true).refreshAheadCache(true)
                .build();
        int count = keys.get(new JWKSelector(new JWKMatcher.Builder().build()), null).size();
        LOG.info("JWT: verified with the {} keys at {}://{}{} (the HMAC secret is not accepted)", count,
                url.getScheme(), url.getAuthority(), url.getPath());
        return new ProviderKeys(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
    }

    /** Verifies a token with every published key that matches its header (algorithm, key id). */
    private record ProviderKeys(JWSVerificationKeySelector<SecurityContext> selector) implements SignatureConfiguration {
        private static final DefaultJWSVerifierFactory VERIFIERS = new DefaultJWSVerifierFactory();

        @Override
        public boolean verify(SignedJWT jwt) throws JOSEException {
            for (Key key : selector.selectJWSKeys(jwt.getHeader(), null)) {
                JWSVerifier verifier = VERIFIERS.createJWSVerifier(jwt.getHeader(), key);
                if (jwt.verify(verifier)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean supports(JWSAlgorithm algorithm) {
            return ALGORITHMS.contains(algorithm);
        }

        @Override
        public String supportedAlgorithmsMessage() {
            return "Only the asymmetric algorithms " + ALGORITHMS + " are supported with a JWKS";
        }
    }
}
