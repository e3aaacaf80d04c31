package io.parley.conversation.event;

import java.util.List;

/**
 * Changed attributes of a conversation. A null field is unchanged; a field named in
 * {@code clearedFields} (title, customData, uniqueName) was removed.
 */
public record ConversationEdited(
        String conversationId,
        String actor,
        String title,
        String customData,
        String uniqueName,
        Boolean publicJoin,
        List<String> clearedFields) implements ConversationEvent {
}
