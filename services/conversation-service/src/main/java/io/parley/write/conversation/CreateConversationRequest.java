package io.parley.write.conversation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/conversations}. */
@Serdeable
public record CreateConversationRequest(
        @Nullable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
        @Nullable String title,
        @Nullable Boolean direct,
        @Nullable Boolean publicJoin,
        @Nullable @Size(min = 1, max = 256) String uniqueName,
        @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> customData,
        @Nullable @Pattern(regexp = "shared|joined", message = "must be shared or joined") String historyVisibility,
        @Nullable List<@NotNull @Valid ParticipantRequest> participants) {

    @Serdeable
    @Schema(name = "ParticipantRequest")
    public record ParticipantRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                                     @Nullable PermissionsRequest permissions) {
        public ParticipantSpec toSpec() {
            return new ParticipantSpec(userId, permissions == null ? null : permissions.toPermissions());
        }
    }
}
