package io.parley.schemas;

import io.parley.events.user.UserEvent;

import java.util.List;

/**
 * Encodes and decodes {@link UserEvent}s in Avro single-object encoding, the value format of
 * topic {@code parley.user-events.v1}.
 *
 * <p>Writes with the current schema; reads records written with the current schema or any version
 * released in {@link SchemaHistory#USER_EVENTS}. See {@link SingleObjectCodec} for the format and
 * the errors. Instances are thread-safe and meant to be shared.
 */
public final class UserEventCodec extends SingleObjectCodec<UserEvent> {

    /** A codec that reads the current schema and every released version on the classpath. */
    public UserEventCodec() {
        this(SchemaHistory.USER_EVENTS.released());
    }

    /**
     * A codec that reads the current schema and the given released versions.
     *
     * @param released the versions a record may have been written with, besides the current one
     */
    public UserEventCodec(List<SchemaHistory.Version> released) {
        super(UserEvent.class, released);
    }
}
