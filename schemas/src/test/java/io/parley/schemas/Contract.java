package io.parley.schemas;

import io.parley.events.conversation.ConversationEvent;
import io.parley.events.ephemeral.EphemeralSignal;
import io.parley.events.user.UserEvent;
import org.apache.avro.specific.SpecificRecordBase;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One published contract, as the parameterised tests see it: its generated class, .avsc file,
 * history, codec and sample records.
 *
 * @param name         the record's simple name, as error messages name it
 * @param type         the generated envelope class
 * @param avsc         the current schema file, relative to the module
 * @param history      its released versions
 * @param codec        the codec reading every released version (no-arg constructor)
 * @param codecWith    the codec reading the given released versions
 * @param samples      one record per payload type at least
 * @param payloadTypes the number of branches of the payload union
 */
record Contract<T extends SpecificRecordBase>(
        String name,
        Class<T> type,
        Path avsc,
        SchemaHistory history,
        Supplier<? extends SingleObjectCodec<T>> codec,
        Function<List<SchemaHistory.Version>, ? extends SingleObjectCodec<T>> codecWith,
        Supplier<List<T>> samples,
        int payloadTypes) {

    private static final Path AVRO = Path.of("src/main/avro/io/parley/events");

    static final Contract<ConversationEvent> CONVERSATION_EVENTS = new Contract<>(
            "ConversationEvent", ConversationEvent.class, AVRO.resolve("conversation/ConversationEvent.avsc"),
            SchemaHistory.CONVERSATION_EVENTS, ConversationEventCodec::new, ConversationEventCodec::new,
            SampleEvents::everyPayloadType, 14);

    static final Contract<UserEvent> USER_EVENTS = new Contract<>(
            "UserEvent", UserEvent.class, AVRO.resolve("user/UserEvent.avsc"),
            SchemaHistory.USER_EVENTS, UserEventCodec::new, UserEventCodec::new,
            SampleUserEvents::everyPayloadType, 11);

    static final Contract<EphemeralSignal> EPHEMERAL_SIGNALS = new Contract<>(
            "EphemeralSignal", EphemeralSignal.class, AVRO.resolve("ephemeral/EphemeralSignal.avsc"),
            SchemaHistory.EPHEMERAL_SIGNALS, EphemeralSignalCodec::new, EphemeralSignalCodec::new,
            SampleEphemeralSignals::everyPayloadType, 2);

    static List<Contract<?>> all() {
        return List.of(CONVERSATION_EVENTS, USER_EVENTS, EPHEMERAL_SIGNALS);
    }

    /** Encodes a sample of this contract with a fresh default codec. */
    byte[] encode(Object record) {
        return codec.get().encode(type.cast(record));
    }

    @Override
    public String toString() {
        return name;
    }
}
