package io.parley.security;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;
import io.micronaut.core.util.StringUtils;

/** Tokens are verified with the keys at {@code PARLEY_JWKS_URL} (an identity provider), not an HMAC secret. */
public class JwksConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return configured(context);
    }

    static boolean configured(ConditionContext context) {
        return StringUtils.isNotEmpty(context.getProperty("parley.security.jwks-url", String.class).orElse(""));
    }

    /** The opposite: no JWKS URL, so the HMAC secret signs and verifies. */
    public static class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context) {
            return !configured(context);
        }
    }
}
