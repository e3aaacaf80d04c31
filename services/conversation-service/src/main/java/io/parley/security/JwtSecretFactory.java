package io.parley.security;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.parley.config.ParleySettings;
import io.parley.config.SecuritySettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC secret that signs and verifies JWTs: {@code PARLEY_JWT_SECRET}, or in its absence a random
 * one generated once and kept in the data directory, so tokens survive a restart.
 */
@Factory
public class JwtSecretFactory {
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecretFactory.class);
    static final int MINIMUM_LENGTH = 32;

    /**
     * Signs the tokens this server issues and verifies every token it receives. Declared as the
     * signature itself: without a signature bean Micronaut would accept unsigned tokens.
     */
    @Singleton
    @Named("generator")
    @Requires(condition = JwksConfigured.Absent.class)
    SignatureGeneratorConfiguration signature(ParleySettings settings, SecuritySettings security) {
        return new HmacSignature(secret(settings, security));
    }

    private static String secret(ParleySettings settings, SecuritySettings security) {
        String configured = security.jwtSecret();
        if (StringUtils.isNotEmpty(configured)) {
            if (configured.length() < MINIMUM_LENGTH) {
                throw new IllegalStateException("PARLEY_JWT_SECRET must be at least " + MINIMUM_LENGTH + " characters");
            }
            LOG.info("JWT: HMAC secret from configuration");
            return configured;
        }
        Path file = settings.dataDir().resolve("jwt-secret");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Files.createDirectories(file.getParent());
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                LOG.info("JWT: generated a new HMAC secret in {}", file.toAbsolutePath().normalize());
            } else {
                LOG.info("JWT: HMAC secret from {}", file.toAbsolutePath().normalize());
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret " + file, e);
        }
    }
}
