package io.parley.user.command;

import io.parley.user.model.UserStream;
import io.parley.user.model.HiddenMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Delete messages for the user only, each named with its sequence (resolved by the caller). Duplicates
 * collapse. Always appends {@code MessagesHidden}: the aggregate does not keep hidden ids (they would grow
 * without bound), so hiding a message again appends again. {@code VALIDATION_FAILED} when the list is
 * empty, a sequence is below 1, or one message id comes with two sequences.
 */
public record HideMessages(String userId, Long ifMatch, String conversationId, List<HiddenMessage> messages)
        implements UserCommand {
    public HideMessages {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
