package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;

/**
 * {@code parley.command}: how commands are handled. Checked at start: a value out of range stops the server with a
 * message naming the setting.
 *
 * @param snapshotThreshold an aggregate snapshot every this many events (loading reads the snapshot and at most this
 *                          many events)
 * @param maxBatch          messages to conversations of one lane that arrive together share a transaction, up to this
 *                          many; 1: off
 * @param batchLanes        batches run in parallel in this many lanes; a conversation is always in the same one
 * @param aggregateCacheSize conversations kept loaded in memory for commands, the least used evicted first
 */
@Context
@ConfigurationProperties("parley.command")
public record CommandSettings(@Min(1) int snapshotThreshold, @Min(1) int maxBatch, @Min(1) int batchLanes,
                              @Min(0) long aggregateCacheSize) {
}
