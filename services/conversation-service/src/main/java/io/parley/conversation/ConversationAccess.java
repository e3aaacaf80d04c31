package io.parley.conversation;

import io.parley.http.Caller;
import jakarta.inject.Singleton;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Answers whether a caller may read a conversation, from the aggregate (cached, or snapshot + tail).
 * Anyone who may not is told it does not exist.
 */
@Singleton
public class ConversationAccess {
    private final Repository<Conversation> repository;

    ConversationAccess(Repository<Conversation> repository) {
        this.repository = repository;
    }

    /** The conversation's last sequence, if the caller may read it; otherwise not found. */
    public long lastSequenceReadableBy(String conversationId, Caller caller) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> repository.load(conversationId)
                .invoke(conversation -> caller.admin() || conversation.isVisibleTo(caller.userId())
                        ? conversation.lastSequence()
                        : -1L));
        if (result.isExceptional()) {
            if (result.exceptionResult() instanceof AggregateNotFoundException missing) {
                throw missing;
            }
            throw new IllegalStateException("cannot load conversation " + conversationId, result.exceptionResult());
        }
        long lastSequence = result.getPayload();
        if (lastSequence < 0) {
            throw new ConversationRejectedException(Rejection.NOT_FOUND, "conversation " + conversationId + " not found");
        }
        return lastSequence;
    }
}
