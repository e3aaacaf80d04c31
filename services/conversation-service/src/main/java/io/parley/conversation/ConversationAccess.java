package io.parley.conversation;

import io.parley.axon.ConversationStreams;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.model.StoredMessage;
import io.parley.http.Caller;
import jakarta.inject.Singleton;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answers what a caller may read or write, from the aggregate (cached, or snapshot + tail): the one place
 * that decides visibility, for the event store and for the views alike. Anyone who may not read a
 * conversation is told it does not exist.
 */
@Singleton
public class ConversationAccess {
    private final Repository<Conversation> repository;
    private final MessageDirectory directory;
    private final EventStorageEngine storageEngine;

    ConversationAccess(Repository<Conversation> repository, MessageDirectory directory,
                       EventStorageEngine storageEngine) {
        this.repository = repository;
        this.directory = directory;
        this.storageEngine = storageEngine;
    }

    /** The part of the log the caller may read (admins: all of it); otherwise not found. */
    public ReadableRange readableRange(String conversationId, Caller caller) {
        return readableRangeIfAny(conversationId, caller)
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
    }

    /** As {@link #readableRange}, but empty for a conversation that is unknown or hidden from the caller. */
    public Optional<ReadableRange> readableRangeIfAny(String conversationId, Caller caller) {
        try {
            return ask(conversationId, conversation -> caller.admin()
                    ? Optional.of(new ReadableRange(1, Long.MAX_VALUE))
                    : conversation.readableRangeFor(caller.userId()));
        } catch (AggregateNotFoundException unknown) {
            return Optional.empty();
        }
    }

    /**
     * Checks that the caller may send to the conversation now, before a request that writes to several
     * conversations starts writing (the aggregate checks again when each message is sent).
     */
    public void requireWritableBy(String conversationId, Caller caller) {
        readableRange(conversationId, caller);
        if (!ask(conversationId, conversation -> conversation.acceptsMessagesFrom(caller.userId(), caller.admin()))) {
            throw new ConversationRejectedException(Rejection.FORBIDDEN,
                    caller.userId() + " may not write in " + conversationId);
        }
    }

    /**
     * The message as the caller may read it now: in the part of its conversation they may read, not
     * removed, with the edits up to the end of that part applied (an edited-out secret does not come back).
     */
    public MessageSent messageReadableBy(String conversationId, String messageId, Caller caller) {
        ReadableRange readable = readableRange(conversationId, caller);
        StoredMessage stored = requireMessageReadable(conversationId, messageId, readable);
        long last = Math.min(readable.to(), storageEngine.lastSequenceNumberFor(conversationId)
                .map(ConversationSequence::fromAxon).orElse(0L));
        return contentAsOf(conversationId, List.of(messageId), stored.sequence(), last).get(messageId).message();
    }

    /** A message's content with the edits up to some sequence applied, and when the last of them was made. */
    public record ContentAsOf(MessageSent message, java.time.Instant editedAt) {
    }

    /**
     * The content of the given messages (sent from {@code from} on) as it was right after event {@code to},
     * folded from the log: edits made after {@code to} are not applied. Messages not sent in
     * {@code from..to} are left out. Removal is not looked at: the caller decides what a removed message shows.
     */
    public Map<String, ContentAsOf> contentAsOf(String conversationId, Collection<String> messageIds, long from,
                                                long to) {
        Map<String, ContentAsOf> contents = new HashMap<>();
        if (messageIds.isEmpty() || to < from) {
            return contents;
        }
        Set<String> wanted = new HashSet<>(messageIds);
        ConversationStreams.forEach(storageEngine, conversationId, from, to, event -> {
            if (event.getPayload() instanceof MessageSent sent && wanted.contains(sent.messageId())) {
                contents.put(sent.messageId(), new ContentAsOf(sent, null));
            } else if (event.getPayload() instanceof MessageEdited edit && contents.containsKey(edit.messageId())) {
                contents.computeIfPresent(edit.messageId(),
                        (id, content) -> new ContentAsOf(content.message().edited(edit), event.getTimestamp()));
            }
        });
        return contents;
    }

    /** Checks that the message lies in the part of its conversation the caller may read and was not removed. */
    public StoredMessage requireMessageReadableBy(String conversationId, String messageId, Caller caller) {
        return requireMessageReadable(conversationId, messageId, readableRange(conversationId, caller));
    }

    private StoredMessage requireMessageReadable(String conversationId, String messageId, ReadableRange readable) {
        StoredMessage stored = directory.find(conversationId, messageId)
                .filter(message -> readable.contains(message.sequence()))
                .orElseThrow(() -> new ConversationRejectedException(Rejection.NOT_FOUND, "message " + messageId
                        + " not found in " + conversationId));
        if (stored.removed()) {
            throw ConversationRejectedException.conflict("message " + messageId + " was removed");
        }
        return stored;
    }

    private <R> R ask(String conversationId, Function<Conversation, R> question) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> repository.load(conversationId).invoke(question));
        if (result.isExceptional()) {
            if (result.exceptionResult() instanceof AggregateNotFoundException missing) {
                throw missing;
            }
            throw new IllegalStateException("cannot load conversation " + conversationId, result.exceptionResult());
        }
        return result.getPayload();
    }
}
