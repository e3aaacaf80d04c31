package io.parley.schemas;

import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.MessageSent;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationEventCodecTest {

    private static final Path AVSC = Path.of("src/main/avro/io/parley/events/conversation/ConversationEvent.avsc");

    private final ConversationEventCodec codec = new ConversationEventCodec();

    static List<ConversationEvent> samples() {
        return SampleEvents.everyPayloadType();
    }

    private static String payloadName(ConversationEvent event) {
        return ((SpecificRecord) event.getPayload()).getSchema().getName();
    }

    @Test
    void samplesCoverEveryPayloadType() {
        List<String> unionBranches = ConversationEvent.getClassSchema().getField("payload").schema().getTypes()
                .stream().map(Schema::getName).toList();

        assertThat(samples()).extracting(ConversationEventCodecTest::payloadName)
                .containsExactlyInAnyOrderElementsOf(unionBranches)
                .hasSize(14);
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void roundTripsEveryPayloadType(ConversationEvent event) {
        ConversationEvent decoded = codec.decode(codec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(decoded.getPayload()).isEqualTo(event.getPayload());
        assertThat(decoded.getOccurredAt()).isEqualTo(SampleEvents.OCCURRED_AT);
    }

    @Test
    void headerIsMarkerThenLittleEndianFingerprintOfTheWriterSchema() {
        byte[] bytes = codec.encode(samples().get(0));

        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(ConversationEventCodec.fingerprint(ConversationEvent.getClassSchema()));
    }

    @Nested
    class OlderWriters {

        @ParameterizedTest(name = "{index}: {0}")
        @MethodSource("io.parley.schemas.ConversationEventCodecTest#samples")
        void decodesWhatReleasedVersionOneWrote(ConversationEvent event) throws IOException {
            Schema v1 = SchemaHistory.load(1).schema();
            GenericRecord written = readGeneric(v1, codec.encode(event));

            byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(written).array();

            assertThat(codec.decode(bytes)).isEqualTo(event);
        }

        @Test
        void fillsDefaultsForFieldsTheWriterDidNotHave() throws IOException {
            // given a released version whose MessageSent had neither mentions nor forwardedFrom
            Schema olderSchema = withMessageSentFieldsRemoved("mentions", "forwardedFrom");
            ConversationEventCodec withOlder = new ConversationEventCodec(List.of(
                    new SchemaHistory.Version(0, "test", olderSchema), SchemaHistory.load(1)));
            ConversationEvent event = samples().stream()
                    .filter(e -> e.getPayload() instanceof MessageSent).findFirst().orElseThrow();
            GenericRecord written = readGeneric(olderSchema, withOlder.encode(event));

            // when a record written with it is decoded
            byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), olderSchema)
                    .encode(written).array();
            MessageSent decoded = (MessageSent) withOlder.decode(bytes).getPayload();

            // then the missing fields take their defaults and the others survive
            MessageSent sent = (MessageSent) event.getPayload();
            assertThat(decoded.getMentions()).isEmpty();
            assertThat(decoded.getForwardedFrom()).isNull();
            assertThat(decoded.getText()).isEqualTo(sent.getText());
            assertThat(decoded.getMedia()).isEqualTo(sent.getMedia());
        }

        private Schema withMessageSentFieldsRemoved(String... removed) {
            Schema current = ConversationEvent.getClassSchema();
            List<Schema> branches = current.getField("payload").schema().getTypes().stream()
                    .map(branch -> branch.getName().equals("MessageSent") ? without(branch, List.of(removed)) : branch)
                    .toList();
            List<Schema.Field> fields = current.getFields().stream()
                    .map(field -> new Schema.Field(field,
                            field.name().equals("payload") ? Schema.createUnion(branches) : field.schema()))
                    .toList();
            return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        }

        private Schema without(Schema record, List<String> removed) {
            List<Schema.Field> kept = record.getFields().stream()
                    .filter(field -> !removed.contains(field.name()))
                    .map(field -> new Schema.Field(field, field.schema()))
                    .toList();
            assertThat(kept).hasSize(record.getFields().size() - removed.size());
            return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, kept);
        }
    }

    @Nested
    class Rejects {

        @Test
        void bytesWithoutTheMarker() {
            byte[] garbage = "definitely not avro, just text".getBytes();

            assertThatThrownBy(() -> codec.decode(garbage))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Not a single-object encoded ConversationEvent")
                    .hasMessageContaining("expected 0xC3 0x01");
        }

        @Test
        void bytesShorterThanTheHeader() {
            assertThatThrownBy(() -> codec.decode(new byte[] {(byte) 0xC3, 0x01, 0x00}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("shorter than the 10-byte header");
        }

        @Test
        void anUnknownWriterFingerprint() {
            byte[] bytes = codec.encode(samples().get(0));
            bytes[2] ^= 0x5A;

            assertThatThrownBy(() -> codec.decode(bytes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Unknown writer schema fingerprint")
                    .hasMessageContaining("v1=0x");
        }

        @Test
        void aTruncatedBody() {
            byte[] bytes = codec.encode(samples().get(0));
            byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

            assertThatThrownBy(() -> codec.decode(truncated))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Corrupt ConversationEvent body");
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("samples")
    void theAvscFileAloneDecodesEveryRecord(ConversationEvent event) throws IOException {
        Schema fromFile = new Schema.Parser().parse(AVSC.toFile());
        byte[] bytes = codec.encode(event);

        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(ConversationEventCodec.fingerprint(fromFile));
        GenericRecord record = readGeneric(fromFile, bytes);

        assertThat(record.get("conversationId")).hasToString("c-1");
        assertThat(record.get("sequence")).isEqualTo(event.getSequence());
        assertThat(record.get("eventId")).hasToString(event.getEventId());
        assertThat(record.get("occurredAt")).isEqualTo(SampleEvents.OCCURRED_AT.toEpochMilli());
        assertThat(record.get("actor")).hasToString("alice");
        GenericRecord payload = (GenericRecord) record.get("payload");
        assertThat(payload.getSchema().getName()).isEqualTo(payloadName(event));
        // both render as Avro JSON: equal text means every nested value decoded the same
        assertThat(payload).hasToString(event.getPayload().toString());
    }

    private static GenericRecord readGeneric(Schema schema, byte[] singleObject) throws IOException {
        BinaryDecoder body = DecoderFactory.get().binaryDecoder(
                singleObject, ConversationEventCodec.HEADER_LENGTH,
                singleObject.length - ConversationEventCodec.HEADER_LENGTH, null);
        return new GenericDatumReader<GenericRecord>(schema).read(null, body);
    }
}
