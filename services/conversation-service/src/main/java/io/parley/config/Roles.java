package io.parley.config;

/**
 * The entries of {@code PARLEY_ROLES} ({@code parley.roles}), as patterns for {@code @Requires}: a bean of a role
 * exists only in processes that run it.
 * <ul>
 *   <li>{@code command}: the HTTP API (writes and reads) and the command side of the event store;</li>
 *   <li>{@code relay}: publishes the event store to Kafka (one applies at a time across processes);</li>
 *   <li>{@code projector}: applies the topics to the read views (one per partition at a time);</li>
 *   <li>{@code gateway}: the live stream, {@code GET /v1/stream};</li>
 *   <li>{@code migrate}: applies the database migrations and creates the topics, then exits (for install and
 *       upgrade jobs; alone).</li>
 * </ul>
 */
public final class Roles {
    public static final String COMMAND = "(.*,)?\\s*command\\s*(,.*)?";
    public static final String RELAY = "(.*,)?\\s*relay\\s*(,.*)?";
    public static final String PROJECTOR = "(.*,)?\\s*projector\\s*(,.*)?";
    public static final String GATEWAY = "(.*,)?\\s*gateway\\s*(,.*)?";
    public static final String MIGRATE = "\\s*migrate\\s*";
    /** The migrate role's name in {@link ParleySettings#roleSet()}. */
    public static final String MIGRATE_NAME = "migrate";
    /** The role names. */
    public static final String NAMES = "command, relay, projector, gateway (or migrate alone)";
    private static final String ROLE = "\\s*(command|relay|projector|gateway)\\s*";
    /** A valid {@code parley.roles}: one or more roles, or migrate alone. */
    public static final String LIST = ROLE + "(," + ROLE + ")*|" + MIGRATE;

    private Roles() {
    }
}
