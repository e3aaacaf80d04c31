package io.parley.conversation;

import io.parley.conversation.model.StoredMessage;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.SENT_AT;

/**
 * A {@link MessageDirectory} that knows exactly the messages a test stores in it: the aggregate tests
 * decide what the directory holds, independently of the given events.
 */
final class InMemoryMessageDirectory implements MessageDirectory {

    private record Key(String conversationId, String messageId) {
    }

    private final Map<Key, StoredMessage> messages = new HashMap<>();

    InMemoryMessageDirectory store(StoredMessage message) {
        messages.put(new Key(message.conversationId(), message.messageId()), message);
        return this;
    }

    /** A message of the test conversation, sent at {@link ConversationFixtures#SENT_AT}. */
    InMemoryMessageDirectory store(String messageId, long sequence, String author) {
        return store(new StoredMessage(ID, messageId, sequence, author, SENT_AT, false));
    }

    /** A message of the test conversation that has been removed (a tombstone). */
    InMemoryMessageDirectory storeRemoved(String messageId, long sequence, String author) {
        return store(new StoredMessage(ID, messageId, sequence, author, SENT_AT, true));
    }

    InMemoryMessageDirectory store(String conversationId, String messageId, long sequence, String author,
                                   Instant sentAt) {
        return store(new StoredMessage(conversationId, messageId, sequence, author, sentAt, false));
    }

    @Override
    public Optional<StoredMessage> find(String conversationId, String messageId) {
        return Optional.ofNullable(messages.get(new Key(conversationId, messageId)));
    }
}
