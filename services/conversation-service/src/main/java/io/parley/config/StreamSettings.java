package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * {@code parley.stream}: the live stream's gateway (API.md, Live stream).
 *
 * @param stallTimeout   how long a client may leave frames unread before it is closed with 4008 (and resumes)
 * @param presenceGrace  a user whose last session closed is offline this long after (a reconnect in between changes
 *                       nothing)
 * @param gatewayTimeout a gateway that has not noted itself alive this long is taken as gone, its sessions with it
 * @param pingInterval   how often every session gets a WebSocket ping (API.md: every 30 s)
 */
@Context
@ConfigurationProperties("parley.stream")
public record StreamSettings(@NotNull Duration stallTimeout, @NotNull Duration presenceGrace,
                             @NotNull Duration gatewayTimeout, @NotNull Duration pingInterval) {
    public StreamSettings {
        Durations.positive("parley.stream.stall-timeout", stallTimeout);
        Durations.positive("parley.stream.gateway-timeout", gatewayTimeout);
        Durations.positive("parley.stream.ping-interval", pingInterval);
    }
}
