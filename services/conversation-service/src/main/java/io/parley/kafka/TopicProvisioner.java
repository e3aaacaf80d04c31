package io.parley.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates Kafka topics that do not exist yet; safe to call on every start. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates {@code name} with the given partitions, replication factor and configs unless it already exists.
     * An existing topic is left as it is.
     *
     * @return {@code true} if the topic was created, {@code false} if it was already present
     */
    public boolean ensureTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor).configs(configs);
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            awaitLeaders(name);
            LOG.info("Kafka topic {} created ({} partitions)", name, partitions);
            return true;
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create Kafka topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating Kafka topic " + name, e);
        }
        LOG.info("Kafka topic {} already present ({} partitions)", name, existingPartitions(name));
        return false;
    }

    /**
     * A topic just created is not served at once: until each partition has a leader, producers and consumers are
     * told the topic or partition is unknown. Returns once every partition has one.
     */
    private void awaitLeaders(String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(name)).allTopicNames()
                        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(name);
                if (description.partitions().stream().allMatch(partition -> partition.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Cannot describe Kafka topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Kafka topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out describing Kafka topic " + name, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Kafka topic " + name + " has partitions without a leader after "
                        + TIMEOUT_SECONDS + " s");
            }
            // the broker's own metadata catches up in milliseconds; ask again shortly
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * For an install or upgrade ({@code PARLEY_ROLES=migrate}): creates the topic when missing; an existing one gets
     * {@code configs} set (retention, {@code min.insync.replicas}). Its partitions and replication factor are never
     * changed: more partitions would send a conversation's later events to another partition than its earlier ones,
     * and consumers could read them out of order; a replication factor changes only with a partition reassignment.
     * A topic that differs in either fails the migration with what to do.
     */
    public void reconcile(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        if (ensureTopic(name, partitions, replicationFactor, configs)) {
            return;
        }
        TopicDescription existing = describe(name);
        int replicas = existing.partitions().get(0).replicas().size();
        if (existing.partitions().size() != partitions || replicas != replicationFactor) {
            throw new IllegalStateException("Kafka topic " + name + " has " + existing.partitions().size()
                    + " partitions with " + replicas + " replicas, configured " + partitions + " with "
                    + replicationFactor + ": Parley does not change them (more partitions would reorder a "
                    + "conversation's events for consumers). Set PARLEY_KAFKA_PARTITIONS and "
                    + "PARLEY_KAFKA_REPLICATION_FACTOR to the topic's, or move to a new topic (docs/operations.md)");
        }
        List<AlterConfigOp> changes = configs.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                        AlterConfigOp.OpType.SET)).toList();
        try {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, name), changes)).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while configuring Kafka topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot configure Kafka topic " + name, e);
        }
        LOG.info("Kafka topic {} configured: {}", name, configs);
    }

    private int existingPartitions(String name) {
        return describe(name).partitions().size();
    }

    private TopicDescription describe(String name) {
        try {
            return admin.describeTopics(List.of(name)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing Kafka topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe Kafka topic " + name, e);
        }
    }
}
