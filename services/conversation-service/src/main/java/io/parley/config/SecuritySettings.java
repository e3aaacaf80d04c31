package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code parley.security}: how tokens are verified (API.md, Identity and access).
 *
 * @param jwtSecret   HMAC secret (at least 32 characters); empty: generated once and kept under the data directory
 * @param jwksUrl     where the identity provider publishes its keys; set, the HMAC secret is not accepted
 * @param jwtIssuer   the {@code iss} every token must carry; empty: not checked
 * @param jwtAudience a value every token's {@code aud} must contain; empty: not checked
 * @param devTokens   {@code POST /v1/dev/tokens}: true or false; empty: on in the embedded mode only
 */
@Context
@ConfigurationProperties("parley.security")
public record SecuritySettings(@Nullable String jwtSecret, @Nullable String jwksUrl, @Nullable String jwtIssuer,
                               @Nullable String jwtAudience, @Nullable String devTokens) {

    @Override
    public String toString() {
        return "SecuritySettings[jwtSecret=" + (jwtSecret == null || jwtSecret.isEmpty() ? "(none)" : "(set)")
                + ", jwksUrl=" + jwksUrl + ", jwtIssuer=" + jwtIssuer + ", jwtAudience=" + jwtAudience
                + ", devTokens=" + devTokens + "]";
    }
}
