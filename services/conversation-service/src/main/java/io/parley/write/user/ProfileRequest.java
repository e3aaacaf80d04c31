package io.parley.write.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The body of {@code PATCH /v1/users/me}. Absent or null: unchanged; {@code displayName: ""},
 * {@code customData: {}} and {@code privateCustomData: {}} remove the value.
 */
@Serdeable
public record ProfileRequest(@Nullable String displayName,
                             @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                             Map<String, Object> customData,
                             @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                             Map<String, Object> privateCustomData) {

    /** True when no known field is set: such a PATCH is 400, not a silent no-op. */
    boolean namesNothing() {
        return displayName == null && customData == null && privateCustomData == null;
    }
}
