package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Choose which conversation events trigger push notifications: any of the 14 conversation event types
 * ({@code message.sent}, {@code read.advanced}, …); an empty list turns push off. Duplicates collapse.
 * Appends {@code PushSettingsChanged} unless the set is the current one. Before any change a user is
 * pushed {@code ["message.sent"]}. {@code VALIDATION_FAILED} for any other value.
 */
public record SetPushEvents(String userId, Long ifMatch, List<String> events) implements UserCommand {
    public SetPushEvents {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
