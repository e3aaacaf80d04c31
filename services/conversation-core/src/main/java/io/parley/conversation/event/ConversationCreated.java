package io.parley.conversation.event;

import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;

import java.util.List;

/** Sequence 1 of every conversation. {@code customData} is a JSON object as text, or null. */
public record ConversationCreated(
        String conversationId,
        String actor,
        String title,
        ConversationKind kind,
        boolean publicJoin,
        String uniqueName,
        String customData,
        HistoryVisibility historyVisibility,
        List<ParticipantSpec> participants) implements ConversationEvent {
}
