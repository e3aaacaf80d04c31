package io.parley.eventlog;

import io.parley.conversation.ConversationSequence;
import io.parley.user.model.UserStream;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.function.Consumer;

/**
 * Reads one user's private log (aggregate {@code user/<userId>}) straight from the event store, in sequence
 * order, without loading the aggregate.
 */
@Singleton
public class UserLog {
    private final EventStorageEngine storageEngine;

    UserLog(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    /** The user's last sequence in the event store (0 before their first private change). */
    public long lastSequence(String userId) {
        return storageEngine.lastSequenceNumberFor(UserStream.aggregateId(userId))
                .map(ConversationSequence::fromAxon).orElse(0L);
    }

    /** Hands each stored event of the user with sequence {@code from..to} (inclusive) to {@code each}, in order. */
    public void forEach(String userId, long from, long to, Consumer<DomainEventMessage<?>> each) {
        ConversationStreams.forEach(storageEngine, UserStream.aggregateId(userId), from, to, each);
    }
}
