package io.parley.stream;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.parley.config.KafkaSettings;
import io.parley.config.Roles;
import io.parley.events.conversation.ConversationCreated;
import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.Participant;
import io.parley.events.conversation.ParticipantJoined;
import io.parley.events.conversation.ParticipantsAdded;
import io.parley.events.ephemeral.EphemeralSignal;
import io.parley.events.ephemeral.Presence;
import io.parley.events.ephemeral.Typing;
import io.parley.kafka.KafkaCluster;
import io.parley.schemas.ConversationEventCodec;
import io.parley.schemas.EphemeralSignalCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's view of the topics: every gateway process reads every partition of the conversation, user and
 * ephemeral topics from their end (no consumer group: each process serves its own sessions) and wakes its
 * {@link StreamHub}. A record is only a wake-up: what a session is sent comes from the event store, in order, so a
 * record missed while a process starts is read anyway when the next one arrives or the client resumes. The consumer's
 * meters are {@code kafka_consumer_*} with {@code client_id="parley-gateway"}.
 */
@Context
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
public class StreamFeed {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFeed.class);
    private static final Set<String> ENTERING = Set.of("conversation.created", "participants.added",
            "participant.joined");
    private final KafkaCluster cluster;
    private final StreamHub hub;
    private final String conversationTopic;
    private final String userTopic;
    private final String ephemeralTopic;
    private final ConversationEventCodec conversations = new ConversationEventCodec();
    private final EphemeralSignalCodec signals = new EphemeralSignalCodec();
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;
    private final MeterRegistry meters;
    private KafkaClientMetrics consumerMetrics;

    StreamFeed(KafkaCluster cluster, StreamHub hub, KafkaSettings settings, MeterRegistry meters) {
        this.meters = meters;
        this.cluster = cluster;
        this.hub = hub;
        this.conversationTopic = settings.topic();
        this.userTopic = settings.userTopic();
        this.ephemeralTopic = settings.ephemeralTopic();
    }

    @PostConstruct
    void start() {
        consumer = new KafkaConsumer<>(cluster.consumerConfig(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "parley-gateway")),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(meters);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(conversationTopic, userTopic, ephemeralTopic)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition));
        thread = new Thread(this::run, "parley-stream-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        dispatch(record);
                    } catch (RuntimeException e) {
                        LOG.warn("Stream feed: record {}@{} of {} not dispatched: {}", record.offset(),
                                record.partition(), record.topic(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> record) {
        if (record.topic().equals(ephemeralTopic)) {
            EphemeralSignal signal = signals.decode(record.value());
            if (signal.getPayload() instanceof Typing typing) {
                hub.typing(typing.getConversationId(), typing.getUserId());
            } else if (signal.getPayload() instanceof Presence presence) {
                hub.presence(presence.getUserId(), presence.getOnline());
            }
            return;
        }
        long sequence = Long.parseLong(header(record, "parley-sequence"));
        if (record.topic().equals(userTopic)) {
            hub.userEvent(record.key(), sequence);
            return;
        }
        List<String> entering = ENTERING.contains(header(record, "parley-type")) ? entering(record) : List.of();
        hub.conversationEvent(record.key(), sequence, entering);
    }

    private List<String> entering(ConsumerRecord<String, byte[]> record) {
        ConversationEvent event = conversations.decode(record.value());
        Object payload = event.getPayload();
        if (payload instanceof ConversationCreated created) {
            return created.getParticipants().stream().map(Participant::getUserId).toList();
        }
        if (payload instanceof ParticipantsAdded added) {
            return added.getParticipants().stream().map(Participant::getUserId).toList();
        }
        if (payload instanceof ParticipantJoined joined) {
            return List.of(joined.getUserId());
        }
        return List.of();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        consumerMetrics.close();
    }
}
