package io.parley.conversation;

import io.parley.conversation.model.StoredMessage;

import java.util.Optional;

/**
 * Finds a conversation's messages by id without the aggregate holding them all: a conversation may
 * hold millions. Kept in the same transaction as the events, so it is never behind the aggregate.
 */
public interface MessageDirectory {
    Optional<StoredMessage> find(String conversationId, String messageId);
}
