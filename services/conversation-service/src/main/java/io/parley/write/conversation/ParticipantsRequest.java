package io.parley.write.conversation;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.write.conversation.CreateConversationRequest.ParticipantRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** The body of {@code POST /v1/conversations/{id}/participants}. */
@Serdeable
public record ParticipantsRequest(@NotNull List<@NotNull @Valid ParticipantRequest> participants) {
}
