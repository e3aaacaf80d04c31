package io.parley.avro;

import org.apache.avro.specific.SpecificData;

/** Avro values as JSON text, the same whether they were decoded from Kafka or mapped in process. */
public final class AvroJson {
    private AvroJson() {
    }

    public static String text(Object value) {
        return SpecificData.get().toString(value);
    }
}
