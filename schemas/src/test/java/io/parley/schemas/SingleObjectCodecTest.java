package io.parley.schemas;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every published contract's codec guarantees, run for each of them. */
class SingleObjectCodecTest {

    static List<Contract<?>> contracts() {
        return Contract.all();
    }

    /** Every sample record of every contract, named after its contract and payload type. */
    static Stream<Arguments> samples() {
        return Contract.all().stream().flatMap(contract -> contract.samples().get().stream()
                .map(sample -> Arguments.of(contract, Named.of(contract.name() + "/" + payloadName(sample), sample))));
    }

    /** Every contract with the records of every other contract. */
    static Stream<Arguments> foreignRecords() {
        return Contract.all().stream().flatMap(reader -> Contract.all().stream()
                .filter(writer -> writer != reader)
                .map(writer -> Arguments.of(reader, writer)));
    }

    private static String payloadName(SpecificRecordBase record) {
        return ((SpecificRecord) record.get("payload")).getSchema().getName();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void samplesCoverEveryPayloadType(Contract<?> contract) {
        List<String> unionBranches = contract.codec().get().schema().getField("payload").schema().getTypes()
                .stream().map(Schema::getName).toList();

        assertThat(unionBranches).hasSize(contract.payloadTypes());
        assertThat(contract.samples().get()).extracting(SingleObjectCodecTest::payloadName)
                .containsAll(unionBranches)
                .allMatch(unionBranches::contains);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("samples")
    <T extends SpecificRecordBase> void roundTripsEveryPayloadType(Contract<T> contract, T record) {
        SingleObjectCodec<T> codec = contract.codec().get();

        T decoded = codec.decode(codec.encode(record));

        assertThat(decoded).isInstanceOf(contract.type()).isEqualTo(record);
        assertThat(decoded.get("payload")).isEqualTo(record.get("payload"));
        assertThat(decoded.get("occurredAt")).isEqualTo(SampleEvents.OCCURRED_AT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void headerIsMarkerThenLittleEndianFingerprintOfTheWriterSchema(Contract<?> contract) {
        byte[] bytes = contract.encode(contract.samples().get().get(0));

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SingleObjectCodec.fingerprint(contract.codec().get().schema()));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("samples")
    <T extends SpecificRecordBase> void decodesWhatReleasedVersionOneWrote(Contract<T> contract, T record)
            throws IOException {
        SingleObjectCodec<T> codec = contract.codec().get();
        Schema v1 = contract.history().load(1).schema();
        GenericRecord written = readGeneric(v1, codec.encode(record));

        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(written).array();

        assertThat(codec.decode(bytes)).isEqualTo(record);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("samples")
    <T extends SpecificRecordBase> void theAvscFileAloneDecodesEveryRecord(Contract<T> contract, T record)
            throws IOException {
        Schema fromFile = new Schema.Parser().parse(contract.avsc().toFile());
        byte[] bytes = contract.codec().get().encode(record);

        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SingleObjectCodec.fingerprint(fromFile));
        GenericRecord generic = readGeneric(fromFile, bytes);

        SpecificData model = SpecificData.getForClass(contract.type());
        for (Schema.Field field : fromFile.getFields()) {
            Object expected = record.get(field.name());
            Object actual = generic.get(field.name());
            if (field.schema().getLogicalType() instanceof LogicalTypes.TimestampMillis) {
                assertThat(actual).as(field.name()).isEqualTo(((Instant) expected).toEpochMilli());
            } else {
                // both render as Avro JSON: equal text means every nested value decoded the same
                assertThat(GenericData.get().toString(actual)).as(field.name()).isEqualTo(model.toString(expected));
            }
        }
        assertThat(((GenericRecord) generic.get("payload")).getSchema().getName()).isEqualTo(payloadName(record));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void rejectsBytesWithoutTheMarker(Contract<?> contract) {
        byte[] garbage = "definitely not avro, just text".getBytes();

        assertThatThrownBy(() -> contract.codec().get().decode(garbage))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a single-object encoded " + contract.name() + ":")
                .hasMessageContaining("expected 0xC3 0x01");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void rejectsBytesShorterThanTheHeader(Contract<?> contract) {
        assertThatThrownBy(() -> contract.codec().get().decode(new byte[] {(byte) 0xC3, 0x01, 0x00}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a single-object encoded " + contract.name() + ":")
                .hasMessageContaining("shorter than the 10-byte header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void rejectsAnUnknownWriterFingerprint(Contract<?> contract) {
        byte[] bytes = contract.encode(contract.samples().get().get(0));
        bytes[2] ^= 0x5A;

        assertThatThrownBy(() -> contract.codec().get().decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown writer schema fingerprint")
                .hasMessageContaining("not the current nor a released " + contract.name() + " schema")
                .hasMessageContaining("v1=0x");
    }

    @ParameterizedTest(name = "{0} reading {1}")
    @MethodSource("foreignRecords")
    void rejectsTheRecordsOfAnotherContract(Contract<?> reader, Contract<?> writer) {
        byte[] bytes = writer.encode(writer.samples().get().get(0));

        assertThatThrownBy(() -> reader.codec().get().decode(bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown writer schema fingerprint")
                .hasMessageContaining("not the current nor a released " + reader.name() + " schema");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void rejectsATruncatedBody(Contract<?> contract) {
        byte[] bytes = contract.encode(contract.samples().get().get(0));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> contract.codec().get().decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Corrupt " + contract.name() + " body (writer schema v1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void rejectsABodyWithAnOutOfRangeUnionBranch(Contract<?> contract) throws IOException {
        SpecificRecordBase sample = contract.samples().get().get(0);
        byte[] bytes = contract.encode(sample);
        // the payload union is the last field of every envelope: replace it with a branch index alone
        int payloadStart = bytes.length - payloadLength(contract, sample);
        byte[] corrupt = Arrays.copyOf(bytes, payloadStart + 1);
        corrupt[payloadStart] = 0x7E; // zig-zag 63: no such branch

        assertThatThrownBy(() -> contract.codec().get().decode(corrupt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Corrupt " + contract.name() + " body");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void refusesTheHistoryOfAnotherContract(Contract<?> contract) {
        SchemaHistory other = contract == Contract.USER_EVENTS ? SchemaHistory.EPHEMERAL_SIGNALS : SchemaHistory.USER_EVENTS;

        assertThatThrownBy(() -> contract.codecWith().apply(other.released()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defines " + other.recordName() + ", not " + contract.history().recordName());
    }

    /** Length of the encoded payload union (branch index and record) of a sample. */
    private static int payloadLength(Contract<?> contract, SpecificRecordBase record) throws IOException {
        Schema union = contract.codec().get().schema().getField("payload").schema();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<>(union, SpecificData.getForClass(contract.type())).write(record.get("payload"), encoder);
        encoder.flush();
        return out.size();
    }

    /** Reads the whole body of a single-object encoded record with {@code schema} as writer schema. */
    private static GenericRecord readGeneric(Schema schema, byte[] singleObject) throws IOException {
        BinaryDecoder body = body(singleObject);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema).read(null, body);
        assertThat(body.isEnd()).as("the whole body was read").isTrue();
        return record;
    }

    static BinaryDecoder body(byte[] singleObject) {
        return DecoderFactory.get().binaryDecoder(singleObject, SingleObjectCodec.HEADER_LENGTH,
                singleObject.length - SingleObjectCodec.HEADER_LENGTH, null);
    }
}
