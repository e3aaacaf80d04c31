package io.parley.user.event;

import io.parley.user.model.HiddenMessage;

import java.util.List;

/**
 * The user deleted these messages of a conversation for themselves only, each with its sequence in the
 * conversation; no duplicates. A message may be hidden more than once (the aggregate does not remember).
 */
public record MessagesHidden(String userId, String conversationId, List<HiddenMessage> messages) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.messages_hidden";

    public MessagesHidden {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
