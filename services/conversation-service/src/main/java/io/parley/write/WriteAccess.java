package io.parley.write;

import io.parley.conversation.Conversation;
import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.MessageDirectory;
import io.parley.conversation.Rejection;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.model.StoredMessage;
import io.parley.eventlog.ConversationLog;
import io.parley.http.Caller;
import jakarta.inject.Singleton;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks a write that spans conversations makes before it starts writing (a forward reads one
 * conversation and writes to others), asked of the aggregates themselves: they are never behind a write.
 * Each aggregate checks again when its own command runs. Anyone who may not read a conversation is told
 * it does not exist.
 */
@Singleton
public class WriteAccess {
    private final Repository<Conversation> repository;
    private final MessageDirectory directory;
    private final ConversationLog log;
    private final PrivateIndex privateIndex;

    WriteAccess(Repository<Conversation> repository, MessageDirectory directory, ConversationLog log,
                PrivateIndex privateIndex) {
        this.privateIndex = privateIndex;
        this.repository = repository;
        this.directory = directory;
        this.log = log;
    }

    /** Checks that the caller may send to the conversation now. */
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
        StoredMessage stored = requireMessageReadable(conversationId, messageId, readable, caller);
        long last = Math.min(readable.to(), log.lastSequence(conversationId));
        return log.contentAsOf(conversationId, messageId, stored.sequence(), last).message();
    }

    /**
     * The message, if it lies in the part of its conversation the caller may read, they did not clear it or
     * delete it for themselves ({@code 404} otherwise) and it was not removed ({@code 409}).
     */
    public StoredMessage requireMessageReadableBy(String conversationId, String messageId, Caller caller) {
        return requireMessageReadable(conversationId, messageId, readableRange(conversationId, caller), caller);
    }

    private StoredMessage requireMessageReadable(String conversationId, String messageId, ReadableRange readable,
                                                 Caller caller) {
        StoredMessage stored = directory.find(conversationId, messageId)
                .filter(message -> readable.contains(message.sequence()))
                .filter(message -> !privateIndex.hides(caller.userId(), message))
                .orElseThrow(() -> new ConversationRejectedException(Rejection.NOT_FOUND, "message " + messageId
                        + " not found in " + conversationId));
        if (stored.removed()) {
            throw new ConversationRejectedException(Rejection.CONFLICT, "message " + messageId + " was removed");
        }
        return stored;
    }

    /**
     * The messages, each in the part of the conversation the caller may read (removed or not), with the sequence
     * each was sent at, in the order given; any other id is {@code 404}.
     */
    public List<StoredMessage> messagesReadableBy(String conversationId, List<String> messageIds, Caller caller) {
        ReadableRange readable = readableRange(conversationId, caller);
        List<StoredMessage> messages = new ArrayList<>(messageIds.size());
        for (String messageId : messageIds) {
            messages.add(directory.find(conversationId, messageId)
                    .filter(message -> readable.contains(message.sequence()))
                    .orElseThrow(() -> new ConversationRejectedException(Rejection.NOT_FOUND, "message " + messageId
                            + " not found in " + conversationId)));
        }
        return messages;
    }

    /**
     * The last sequence of the conversation the caller may read: its last one, or a former participant's leave;
     * {@code 404} for anyone who never could read it.
     */
    public long lastReadableSequence(String conversationId, Caller caller) {
        return Math.min(readableRange(conversationId, caller).to(), log.lastSequence(conversationId));
    }

    private ReadableRange readableRange(String conversationId, Caller caller) {
        try {
            return ask(conversationId, conversation -> caller.admin() ? Optional.of(ReadableRange.ALL)
                    : conversation.readableRangeFor(caller.userId()))
                    .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        } catch (AggregateNotFoundException unknown) {
            throw ConversationRejectedException.notFound(conversationId);
        }
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
