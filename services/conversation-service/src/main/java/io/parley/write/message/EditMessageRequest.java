package io.parley.write.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code PATCH .../messages/{messageId}}. Absent or null: unchanged; {@code text: ""},
 * {@code payload: []} and {@code attributes: {}} remove the value.
 */
@Serdeable
public record EditMessageRequest(@Nullable String text, @Nullable List<@NotNull Map<String, Object>> payload,
                                 @Nullable Map<String, Object> attributes) {
}
