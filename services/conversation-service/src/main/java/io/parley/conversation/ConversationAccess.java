package io.parley.conversation;

import io.parley.axon.ConversationStreams;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.StoredMessage;
import io.parley.http.Caller;
import jakarta.inject.Singleton;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers whether a caller may read a conversation, from the aggregate (cached, or snapshot + tail).
 * Anyone who may not is told it does not exist.
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

    /** The conversation's last sequence, if the caller may read it; otherwise not found. */
    public long lastSequenceReadableBy(String conversationId, Caller caller) {
        long lastSequence = ask(conversationId, conversation -> caller.admin() || conversation.isVisibleTo(caller.userId())
                ? conversation.lastSequence()
                : -1L);
        if (lastSequence < 0) {
            throw ConversationRejectedException.notFound(conversationId);
        }
        return lastSequence;
    }

    /** The part of the log the caller may read (admins: all of it); otherwise not found. */
    public io.parley.conversation.model.ReadableRange readableRange(String conversationId, Caller caller) {
        return ask(conversationId, conversation -> caller.admin()
                ? java.util.Optional.of(new io.parley.conversation.model.ReadableRange(1, Long.MAX_VALUE))
                : conversation.readableRangeFor(caller.userId()))
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
    }

    /**
     * Checks that the caller may send to the conversation now, before a request that writes to several
     * conversations starts writing (the aggregate checks again when each message is sent).
     */
    public void requireWritableBy(String conversationId, Caller caller) {
        lastSequenceReadableBy(conversationId, caller);
        if (!ask(conversationId, conversation -> conversation.acceptsMessagesFrom(caller.userId(), caller.admin()))) {
            throw new ConversationRejectedException(Rejection.FORBIDDEN,
                    caller.userId() + " may not write in " + conversationId);
        }
    }

    private <R> R ask(String conversationId, java.util.function.Function<Conversation, R> question) {
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

    /** A message as it was sent, if the caller may read its conversation and it was not removed. */
    public MessageSent messageReadableBy(String conversationId, String messageId, Caller caller) {
        lastSequenceReadableBy(conversationId, caller);
        StoredMessage stored = directory.find(conversationId, messageId).orElseThrow(() ->
                new ConversationRejectedException(Rejection.NOT_FOUND, "message " + messageId + " not found in "
                        + conversationId));
        if (stored.removed()) {
            throw ConversationRejectedException.conflict("message " + messageId + " was removed");
        }
        List<MessageSent> sent = new ArrayList<>(1);
        ConversationStreams.forEach(storageEngine, conversationId, stored.sequence(), stored.sequence(),
                event -> sent.add((MessageSent) event.getPayload()));
        return sent.get(0);
    }
}
