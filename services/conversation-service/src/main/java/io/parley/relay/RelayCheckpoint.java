package io.parley.relay;

/**
 * A point in the relay's commit where a test can make it crash: after Kafka acknowledged a batch,
 * before the relay's token and positions are stored.
 */
@FunctionalInterface
interface RelayCheckpoint {
    RelayCheckpoint NONE = () -> { };

    void acknowledged();
}
