package io.parley.security;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.util.StringUtils;

/**
 * {@code POST /v1/dev/tokens} exists when {@code PARLEY_DEV_TOKENS} is on, or, when it is not set, in
 * the embedded mode only (no {@code PARLEY_DB_URL}); never with {@code PARLEY_JWKS_URL}.
 */
public class DevTokensEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        if (JwksConfigured.configured(context)) {
            // tokens come from the identity provider; this server signs none
            return false;
        }
        String setting = context.getProperty("parley.security.dev-tokens", String.class).orElse("");
        if (StringUtils.isNotEmpty(setting)) {
            return StringUtils.isTrue(setting);
        }
        return StringUtils.isEmpty(context.getProperty("parley.db.url", String.class).orElse(""));
    }
}
