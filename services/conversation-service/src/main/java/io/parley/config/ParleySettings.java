package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.util.StringUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code parley.*} settings of application.yml, typed. */
@ConfigurationProperties("parley")
public class ParleySettings {
    private Path dataDir = Path.of("data");
    private String roles = "command,relay,projector,gateway";
    private Db db = new Db();
    private Kafka kafka = new Kafka();
    private Security security = new Security();
    private Relay relay = new Relay();
    private Command command = new Command();
    private Projection projection = new Projection();
    private Stream stream = new Stream();

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public String getRoles() { return roles; }
    public void setRoles(String roles) { this.roles = roles; }
    public Db getDb() { return db; }
    public void setDb(Db db) { this.db = db; }
    public Kafka getKafka() { return kafka; }
    public void setKafka(Kafka kafka) { this.kafka = kafka; }
    public Security getSecurity() { return security; }
    public void setSecurity(Security security) { this.security = security; }
    public Relay getRelay() { return relay; }
    public void setRelay(Relay relay) { this.relay = relay; }
    public Command getCommand() { return command; }
    public Projection getProjection() { return projection; }
    public void setProjection(Projection projection) { this.projection = projection; }
    public void setCommand(Command command) { this.command = command; }
    public Stream getStream() { return stream; }
    public void setStream(Stream stream) { this.stream = stream; }

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Embedded mode: no external database configured. */
    public boolean embedded() {
        return StringUtils.isEmpty(db.url);
    }

    @ConfigurationProperties("db")
    public static class Db {
        private String url;
        private String user;
        private String password;
        private int poolSize = 16;

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getUser() { return user; }
        public void setUser(String user) { this.user = user; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public int getPoolSize() { return poolSize; }
        public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    }

    @ConfigurationProperties("kafka")
    public static class Kafka {
        private String bootstrap;
        private int embeddedPort = 9092;
        private String topic = "parley.conversation-events.v1";
        private String userTopic = "parley.user-events.v1";
        private String ephemeralTopic = "parley.ephemeral.v1";
        private int partitions = 12;
        private short replicationFactor = 1;

        public String getBootstrap() { return bootstrap; }
        public void setBootstrap(String bootstrap) { this.bootstrap = bootstrap; }
        public int getEmbeddedPort() { return embeddedPort; }
        public void setEmbeddedPort(int embeddedPort) { this.embeddedPort = embeddedPort; }
        public String getTopic() { return topic; }
        public void setTopic(String topic) { this.topic = topic; }
        /** Each user's private events (key = user id), kept forever like the conversation topic. */
        public String getUserTopic() { return userTopic; }
        public void setUserTopic(String userTopic) { this.userTopic = userTopic; }
        /** Typing and presence signals (never stored elsewhere), kept one hour. */
        public String getEphemeralTopic() { return ephemeralTopic; }
        public void setEphemeralTopic(String ephemeralTopic) { this.ephemeralTopic = ephemeralTopic; }
        public int getPartitions() { return partitions; }
        public void setPartitions(int partitions) { this.partitions = partitions; }
        public short getReplicationFactor() { return replicationFactor; }
        public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
    }

    @ConfigurationProperties("security")
    public static class Security {
        private String jwtSecret;
        private String jwtIssuer;
        private String jwksUrl;
        private String jwtAudience;
        private String devTokens;

        public String getJwtSecret() { return jwtSecret; }
        public void setJwtSecret(String jwtSecret) { this.jwtSecret = jwtSecret; }
        /** Where the identity provider publishes its keys (JWKS); set, the HMAC secret is not accepted. */
        public String getJwksUrl() { return jwksUrl; }
        public void setJwksUrl(String jwksUrl) { this.jwksUrl = jwksUrl; }
        /** The {@code iss} every token must carry; empty: not checked. */
        public String getJwtIssuer() { return jwtIssuer; }
        public void setJwtIssuer(String jwtIssuer) { this.jwtIssuer = jwtIssuer; }
        /** A value every token's {@code aud} must contain; empty: not checked. */
        public String getJwtAudience() { return jwtAudience; }
        public void setJwtAudience(String jwtAudience) { this.jwtAudience = jwtAudience; }
        public String getDevTokens() { return devTokens; }
        public void setDevTokens(String devTokens) { this.devTokens = devTokens; }
    }

    @ConfigurationProperties("relay")
    public static class Relay {
        private int batchSize = 500;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Duration lateCommitWindow = Duration.ofSeconds(120);
        private Duration sweepInterval = Duration.ofSeconds(5);

        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getGapTimeout() { return gapTimeout; }
        public void setGapTimeout(Duration gapTimeout) { this.gapTimeout = gapTimeout; }
        public Duration getLateCommitWindow() { return lateCommitWindow; }
        public void setLateCommitWindow(Duration lateCommitWindow) { this.lateCommitWindow = lateCommitWindow; }
        public Duration getSweepInterval() { return sweepInterval; }
        public void setSweepInterval(Duration sweepInterval) { this.sweepInterval = sweepInterval; }
    }

    @ConfigurationProperties("command")
    public static class Command {
        private int snapshotThreshold = 250;
        private int maxBatch = 64;
        private int batchLanes = 2;
        private long aggregateCacheSize = 10_000;

        public int getSnapshotThreshold() { return snapshotThreshold; }
        /** Messages to one conversation that arrive together share a transaction, up to this many; 1: off. */
        public int getMaxBatch() { return maxBatch; }
        public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
        /** Batches run in parallel in this many lanes; a conversation always in the same one. */
        public int getBatchLanes() { return batchLanes; }
        public void setBatchLanes(int batchLanes) { this.batchLanes = batchLanes; }
        public void setSnapshotThreshold(int snapshotThreshold) { this.snapshotThreshold = snapshotThreshold; }
        /** Conversations kept loaded in memory for commands, the least used evicted first. */
        public long getAggregateCacheSize() { return aggregateCacheSize; }
        public void setAggregateCacheSize(long aggregateCacheSize) { this.aggregateCacheSize = aggregateCacheSize; }
    }

    @ConfigurationProperties("projection")
    public static class Projection {
        private boolean rebuild;

        /** Drop the views at start and apply the whole topic again. */
        public boolean isRebuild() { return rebuild; }
        public void setRebuild(boolean rebuild) { this.rebuild = rebuild; }
    }

    @ConfigurationProperties("stream")
    public static class Stream {
        private Duration stallTimeout = Duration.ofSeconds(30);
        private Duration presenceGrace = Duration.ofSeconds(5);
        private Duration gatewayTimeout = Duration.ofSeconds(30);
        private Duration pingInterval = Duration.ofSeconds(30);

        /** How long a stream client may leave frames unread before it is closed with 4008 (and resumes). */
        public Duration getStallTimeout() { return stallTimeout; }
        public void setStallTimeout(Duration stallTimeout) { this.stallTimeout = stallTimeout; }
        /** A user whose last session closed is offline this long after (a reconnect in between changes nothing). */
        public Duration getPresenceGrace() { return presenceGrace; }
        public void setPresenceGrace(Duration presenceGrace) { this.presenceGrace = presenceGrace; }
        /** A gateway that has not noted itself alive this long is taken as gone, its users' sessions with it. */
        public Duration getGatewayTimeout() { return gatewayTimeout; }
        public void setGatewayTimeout(Duration gatewayTimeout) { this.gatewayTimeout = gatewayTimeout; }
        /** How often every stream session gets a WebSocket ping (API.md: every 30 s). */
        public Duration getPingInterval() { return pingInterval; }
        public void setPingInterval(Duration pingInterval) { this.pingInterval = pingInterval; }
    }
}
