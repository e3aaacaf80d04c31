package io.parley.schemas;

import io.parley.events.ephemeral.EphemeralSignal;

import java.util.List;

/**
 * Encodes and decodes {@link EphemeralSignal}s in Avro single-object encoding, the value format
 * of topic {@code parley.ephemeral.v1}.
 *
 * <p>Writes with the current schema; reads records written with the current schema or any version
 * released in {@link SchemaHistory#EPHEMERAL_SIGNALS}. See {@link SingleObjectCodec} for the format
 * and the errors. Instances are thread-safe and meant to be shared.
 */
public final class EphemeralSignalCodec extends SingleObjectCodec<EphemeralSignal> {

    /** A codec that reads the current schema and every released version on the classpath. */
    public EphemeralSignalCodec() {
        this(SchemaHistory.EPHEMERAL_SIGNALS.released());
    }

    /**
     * A codec that reads the current schema and the given released versions.
     *
     * @param released the versions a record may have been written with, besides the current one
     */
    public EphemeralSignalCodec(List<SchemaHistory.Version> released) {
        super(EphemeralSignal.class, released);
    }
}
