package io.parley.schemas;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Builds the schemas an older writer may have had, and records written with them. */
final class OlderSchemas {

    private OlderSchemas() {
    }

    /** The envelope schema with some fields of one payload record removed, as before they were added. */
    static Schema withPayloadFieldsRemoved(Schema envelope, String payloadRecord, String... removed) {
        List<Schema> branches = envelope.getField("payload").schema().getTypes().stream()
                .map(branch -> branch.getName().equals(payloadRecord) ? without(branch, List.of(removed)) : branch)
                .toList();
        List<Schema.Field> fields = envelope.getFields().stream()
                .map(field -> new Schema.Field(field,
                        field.name().equals("payload") ? Schema.createUnion(branches) : field.schema()))
                .toList();
        return Schema.createRecord(envelope.getName(), envelope.getDoc(), envelope.getNamespace(), false, fields);
    }

    /**
     * Re-encodes a single-object encoded record as a writer with {@code older} would have written it.
     * The removed fields must be the last ones of the body, which the older schema then leaves unread.
     */
    static byte[] rewrittenWith(Schema older, byte[] current) throws IOException {
        GenericRecord written = new GenericDatumReader<GenericRecord>(older).read(null, SingleObjectCodecTest.body(current));
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(written).array();
    }

    private static Schema without(Schema record, List<String> removed) {
        List<Schema.Field> kept = record.getFields().stream()
                .filter(field -> !removed.contains(field.name()))
                .map(field -> new Schema.Field(field, field.schema()))
                .toList();
        assertThat(kept).hasSize(record.getFields().size() - removed.size());
        return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, kept);
    }
}
