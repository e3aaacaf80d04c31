package io.parley.write.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/**
 * The body of {@code PATCH /v1/conversations/{id}}. Absent or null: unchanged. {@code title: ""},
 * {@code uniqueName: ""} and {@code customData: {}} remove the value.
 */
@Serdeable
public record EditConversationRequest(@Nullable String title,
                                      @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
                                      Map<String, Object> customData,
                                      @Nullable String uniqueName, @Nullable Boolean publicJoin) {

    /** True when no known field is set: such a PATCH is 400, not a silent no-op. */
    public boolean namesNothing() {
        return title == null && customData == null && uniqueName == null && publicJoin == null;
    }
}
