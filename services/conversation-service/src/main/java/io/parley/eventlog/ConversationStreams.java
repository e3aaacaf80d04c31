package io.parley.eventlog;

import io.parley.conversation.ConversationSequence;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.function.Consumer;

/** Reading a stretch of one conversation's log from the event store, by conversation sequence. */
public final class ConversationStreams {
    private ConversationStreams() {
    }

    /** Hands each stored event with sequence {@code from..to} (inclusive) to {@code each}, in order. */
    public static void forEach(EventStorageEngine storageEngine, String conversationId, long from, long to,
                               Consumer<DomainEventMessage<?>> each) {
        if (from > to) {
            return;
        }
        DomainEventStream stream = storageEngine.readEvents(conversationId, ConversationSequence.toAxon(from));
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (ConversationSequence.fromAxon(message.getSequenceNumber()) > to) {
                return;
            }
            each.accept(message);
        }
    }
}
