package io.parley.schemas;

import io.parley.events.ephemeral.EphemeralSignal;
import io.parley.events.ephemeral.Presence;
import io.parley.events.ephemeral.Typing;

import java.util.List;

/** Ephemeral signals of every payload type. */
final class SampleEphemeralSignals {

    private SampleEphemeralSignals() {
    }

    static List<EphemeralSignal> everyPayloadType() {
        return List.of(
                signal(new Typing("c-1", "alice")),
                signal(new Presence("bob", true)),
                signal(new Presence("bob", false)));
    }

    static EphemeralSignal signal(Object payload) {
        return EphemeralSignal.newBuilder()
                .setOccurredAt(SampleEvents.OCCURRED_AT)
                .setPayload(payload)
                .build();
    }
}
