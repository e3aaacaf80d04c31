package io.parley.support;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the user topic the way an analytics consumer with only {@code UserEvent.avsc} would: single-object
 * encoding checked, decoded by a generic Avro reader.
 */
public final class PublishedUserEvents {
    public static final Path SCHEMA_FILE = Path.of("../../schemas/src/main/avro/io/parley/events/user/UserEvent.avsc");
    private static final Schema SCHEMA = parse();
    private static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);

    private PublishedUserEvents() {
    }

    /** One record: key, headers, the decoded envelope and the stored bytes. */
    public record Published(String key, String headerType, long headerSequence, GenericRecord envelope, byte[] value) {
        public long sequence() {
            return (Long) envelope.get("sequence");
        }

        public GenericRecord payload() {
            return (GenericRecord) envelope.get("payload");
        }
    }

    /** The records of {@code userId} in the topic, in offset order. */
    public static List<Published> of(String bootstrap, String topic, String userId) {
        List<Published> found = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : PublishedEvents.records(bootstrap, topic)) {
            if (userId.equals(record.key())) {
                found.add(decode(record));
            }
        }
        return found;
    }

    private static Schema parse() {
        try {
            return new Schema.Parser().parse(SCHEMA_FILE.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Published decode(ConsumerRecord<String, byte[]> record) {
        ByteBuffer value = ByteBuffer.wrap(record.value()).order(ByteOrder.LITTLE_ENDIAN);
        if (value.get() != (byte) 0xC3 || value.get() != (byte) 0x01 || value.getLong() != FINGERPRINT) {
            throw new IllegalStateException("not single-object encoded with UserEvent.avsc");
        }
        try {
            GenericRecord envelope = new GenericDatumReader<GenericRecord>(SCHEMA).read(null,
                    DecoderFactory.get().binaryDecoder(record.value(), 10, record.value().length - 10, null));
            return new Published(record.key(), header(record, "parley-type"),
                    Long.parseLong(header(record, "parley-sequence")), envelope, record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
