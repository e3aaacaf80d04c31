package io.parley.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Encodes and decodes one generated record type in Avro single-object encoding, the value format
 * of every Parley topic.
 *
 * <p>An encoded record is the two bytes {@code C3 01}, the 8-byte little-endian CRC-64-AVRO
 * fingerprint of the writer schema, then the Avro binary body. Records are always written with
 * the current schema (the generated class's). They are read into the current generated classes
 * from the current schema or from any of the released versions given to the constructor: the
 * writer schema is looked up by fingerprint in a {@link SchemaStore.Cache} and resolved against
 * the current one.
 *
 * <p>{@link ConversationEventCodec}, {@link UserEventCodec} and {@link EphemeralSignalCodec} bind
 * it to each published contract and its {@link SchemaHistory}. Instances are thread-safe and meant
 * to be shared: the underlying encoder and decoder keep per-thread buffers and are built once.
 *
 * @param <T> the generated record class
 */
public class SingleObjectCodec<T extends SpecificRecordBase> {

    /** Length of the single-object header: two marker bytes and an 8-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;

    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final Schema schema;
    /** Simple name of the record, for error messages. */
    private final String name;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;
    /** Readable writer schemas by fingerprint, with a label for error messages. */
    private final Map<Long, String> known;

    /**
     * A codec that reads the current schema of {@code type} and the given released versions.
     *
     * @param type     the generated record class; its schema is the current one
     * @param released the versions a record may have been written with, besides the current one,
     *                 e.g. {@code SchemaHistory.USER_EVENTS.released()}
     * @throws IllegalArgumentException if a released version defines another record than {@code type}
     */
    public SingleObjectCodec(Class<T> type, List<SchemaHistory.Version> released) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(released, "released");
        // The generated class's own model carries its logical-type conversions (e.g. Instant).
        SpecificData model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.name = schema.getName();
        SchemaStore.Cache store = new SchemaStore.Cache();
        Map<Long, String> labels = new LinkedHashMap<>();
        for (SchemaHistory.Version version : released) {
            if (!schema.getFullName().equals(version.schema().getFullName())) {
                throw new IllegalArgumentException("Released version v" + version.number() + " (" + version.resource()
                        + ") defines " + version.schema().getFullName() + ", not " + schema.getFullName());
            }
            store.addSchema(version.schema());
            labels.put(version.fingerprint(), "v" + version.number());
        }
        labels.putIfAbsent(fingerprint(schema), "current");
        this.known = Map.copyOf(labels);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, store);
    }

    /**
     * The CRC-64-AVRO fingerprint of a schema's parsing canonical form, as written in the header.
     */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /** The current schema: the one records are written with. */
    public final Schema schema() {
        return schema;
    }

    /**
     * Encodes a record with the current schema. A record that does not fit the schema fails
     * with Avro's own exception, e.g. a {@link NullPointerException} naming a required field left null.
     */
    public final byte[] encode(T record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; anything else is a bug worth seeing.
            throw new UncheckedIOException("Cannot encode " + name, e);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a single-object encoded record written with the current or a released schema.
     *
     * @throws IllegalArgumentException if the bytes are not a single-object encoded record, name a
     *                                  writer schema that is neither current nor released, or hold
     *                                  a body that does not decode
     */
    public final T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_LENGTH) {
            throw new IllegalArgumentException("Not a single-object encoded " + name + ": "
                    + bytes.length + " bytes, shorter than the " + HEADER_LENGTH + "-byte header");
        }
        if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            throw new IllegalArgumentException(String.format(
                    "Not a single-object encoded %s: header 0x%02X 0x%02X, expected 0xC3 0x01",
                    name, bytes[0], bytes[1]));
        }
        long writerFingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String label = known.get(writerFingerprint);
        if (label == null) {
            throw unknownSchema(writerFingerprint, null);
        }
        try {
            return decoder.decode(bytes);
        } catch (MissingSchemaException e) {
            throw unknownSchema(writerFingerprint, e);
        } catch (IOException | RuntimeException e) {
            // Avro reports a corrupt body in several ways (EOF, bad union index, size limits).
            throw new IllegalArgumentException(String.format(
                    "Corrupt %s body (writer schema %s, fingerprint %s): %s",
                    name, label, hex(writerFingerprint), e), e);
        }
    }

    private IllegalArgumentException unknownSchema(long writerFingerprint, Exception cause) {
        String knownList = known.entrySet().stream()
                .map(entry -> entry.getValue() + "=" + hex(entry.getKey()))
                .sorted()
                .collect(Collectors.joining(", "));
        return new IllegalArgumentException("Unknown writer schema fingerprint " + hex(writerFingerprint)
                + ": not the current nor a released " + name + " schema (known: " + knownList + ")", cause);
    }

    private static String hex(long fingerprint) {
        return String.format("0x%016X", fingerprint);
    }
}
