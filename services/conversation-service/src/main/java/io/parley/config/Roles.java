package io.parley.config;

/**
 * The entries of {@code PARLEY_ROLES} ({@code parley.roles}), as patterns for {@code @Requires}: a bean of
 * a role exists only in processes that run it.
 */
public final class Roles {
    public static final String RELAY = "(.*,)?\\s*relay\\s*(,.*)?";
    public static final String PROJECTOR = "(.*,)?\\s*projector\\s*(,.*)?";
    public static final String GATEWAY = "(.*,)?\\s*gateway\\s*(,.*)?";

    private Roles() {
    }
}
