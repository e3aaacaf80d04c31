package io.parley.write.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code PATCH .../messages/{messageId}}. Absent or null: unchanged; {@code text: ""},
 * {@code payload: []} and {@code attributes: {}} remove the value.
 */
@Serdeable
public record EditMessageRequest(@Nullable String text,
                                 @Nullable @ArraySchema(schema = @Schema(type = "object", additionalProperties =
                                         Schema.AdditionalPropertiesValue.TRUE))
                                 List<@NotNull Map<String, Object>> payload,
                                 @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                                 Map<String, Object> attributes) {
}
