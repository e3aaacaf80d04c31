package io.parley.user.event;

import java.util.List;

/** The user subscribed to these users (none of whom they were subscribed to), in the order asked. */
public record Subscribed(String userId, List<String> userIds) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.subscribed";

    public Subscribed {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }
}
