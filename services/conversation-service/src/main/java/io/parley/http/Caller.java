package io.parley.http;

import io.micronaut.security.authentication.Authentication;

/** Who is calling: the token's subject, and whether it may act on any conversation. */
public record Caller(String userId, boolean admin) {
    public static final String ADMIN_ROLE = "admin";

    /** The caller as the domain sees it. */
    public io.parley.conversation.model.Actor actor() {
        return new io.parley.conversation.model.Actor(userId, admin);
    }

    public static Caller of(Authentication authentication) {
        return new Caller(authentication.getName(), authentication.getRoles().contains(ADMIN_ROLE));
    }
}
