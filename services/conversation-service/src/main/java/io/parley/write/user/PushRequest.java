package io.parley.write.user;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** {@code {"events": [...]}}: the conversation event types (API.md) that trigger a push notification; [] for none. */
@Serdeable
public record PushRequest(@NotNull List<@NotNull String> events) {
}
