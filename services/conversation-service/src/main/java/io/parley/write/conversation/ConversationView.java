package io.parley.write.conversation;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.parley.conversation.model.ParticipantSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A conversation as answered by create. */
@Serdeable
@Schema(name = "CreatedConversation")
public record ConversationView(String id, @Nullable @Schema(requiredMode = REQUIRED) String title, boolean direct,
                               boolean publicJoin,
                               @Nullable @Schema(requiredMode = REQUIRED) String uniqueName,
                               @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                       Schema.AdditionalPropertiesValue.TRUE) Object customData,
                               String historyVisibility, Instant createdAt, String createdBy, long lastSequence,
                               int participantCount,
                               @ArraySchema(schema = @Schema(implementation = ParticipantSpec.class))
                               List<Map<String, Object>> participants) {
}
