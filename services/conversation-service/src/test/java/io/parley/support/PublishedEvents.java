package io.parley.support;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a topic the way an analytics consumer with only the published {@code .avsc} file would:
 * single-object encoding checked and decoded by a generic Avro reader, no generated classes.
 */
public final class PublishedEvents {
    public static final Path SCHEMA_FILE = Path.of("../../schemas/src/main/avro/io/parley/events/conversation/ConversationEvent.avsc");
    private static final Pattern API_TYPE = Pattern.compile("API type ([a-z._]+)\\.");
    private static final Schema SCHEMA = parse();
    private static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);

    private PublishedEvents() {
    }

    /** One record of the topic, decoded; {@code value} is the record's bytes as stored in the topic. */
    public record Published(String key, String headerType, long headerSequence, String conversationId,
                            long sequence, String eventId, String payloadType, String actor, GenericRecord payload,
                            byte[] value) {
    }

    private static Schema parse() {
        try {
            return new Schema.Parser().parse(SCHEMA_FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every record currently in the topic whose key is {@code conversationId}, in offset order. */
    public static List<Published> of(String bootstrap, String topic, String conversationId) {
        return byKey(bootstrap, topic).getOrDefault(conversationId, List.of());
    }

    /** Every record currently in the topic, by key, each key's records in offset order. */
    public static Map<String, List<Published>> byKey(String bootstrap, String topic) {
        Map<String, List<Published>> found = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records(bootstrap, topic)) {
            found.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(decode(record));
        }
        return found;
    }

    /** Every record currently in any topic, as stored (each partition in offset order). */
    public static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
        }
        return found;
    }

    private static Published decode(ConsumerRecord<String, byte[]> record) {
        ByteBuffer value = ByteBuffer.wrap(record.value()).order(ByteOrder.LITTLE_ENDIAN);
        if (value.get() != (byte) 0xC3 || value.get() != (byte) 0x01) {
            throw new IllegalStateException("not single-object encoded");
        }
        long fingerprint = value.getLong();
        if (fingerprint != FINGERPRINT) {
            throw new IllegalStateException("written with an unknown schema, fingerprint " + fingerprint);
        }
        try {
            GenericRecord envelope = new GenericDatumReader<GenericRecord>(SCHEMA).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 10, record.value().length - 10, null));
            GenericRecord payload = (GenericRecord) envelope.get("payload");
            Matcher type = API_TYPE.matcher(payload.getSchema().getDoc());
            if (!type.find()) {
                throw new IllegalStateException("no API type in the doc of " + payload.getSchema().getFullName());
            }
            return new Published(record.key(), header(record, "parley-type"),
                    Long.parseLong(header(record, "parley-sequence")), envelope.get("conversationId").toString(),
                    (Long) envelope.get("sequence"), envelope.get("eventId").toString(), type.group(1),
                    envelope.get("actor").toString(), payload, record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * What a consumer that drops a sequence it has already seen ends up with: the sequences in order,
     * duplicates dropped. Fails if a record skips ahead (a hole) in the process.
     */
    public static List<Long> consumedSequences(List<Published> records) {
        List<Long> sequences = new ArrayList<>();
        long last = 0;
        for (Published record : records) {
            if (record.sequence() <= last) {
                continue;
            }
            if (record.sequence() != last + 1) {
                throw new AssertionError("sequence " + record.sequence() + " published right after " + last);
            }
            sequences.add(record.sequence());
            last = record.sequence();
        }
        return sequences;
    }
}
