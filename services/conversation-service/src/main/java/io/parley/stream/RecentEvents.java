package io.parley.stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Requires;
import io.parley.config.Roles;
import io.parley.conversation.ConversationSequence;
import io.parley.eventlog.ConversationLog;
import jakarta.inject.Singleton;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * The events the gateway's sessions are being sent, read from the event store once for all of them: the sessions of
 * one conversation's participants ask for the same new events at about the same time.
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
class RecentEvents {
    private final ConversationLog log;
    private final Cache<String, DomainEventMessage<?>> events = Caffeine.newBuilder().maximumSize(50_000).build();

    RecentEvents(ConversationLog log) {
        this.log = log;
    }

    /** The stored events {@code from..to} (inclusive) of the conversation, in order. */
    List<DomainEventMessage<?>> read(String conversationId, long from, long to) {
        List<DomainEventMessage<?>> found = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++) {
            DomainEventMessage<?> event = events.getIfPresent(key(conversationId, sequence));
            if (event == null) {
                log.forEach(conversationId, sequence, to, stored -> {
                    found.add(stored);
                    events.put(key(conversationId, ConversationSequence.fromAxon(stored.getSequenceNumber())), stored);
                });
                return found;
            }
            found.add(event);
        }
        return found;
    }

    private static String key(String conversationId, long sequence) {
        return conversationId + "\n" + sequence;
    }
}
