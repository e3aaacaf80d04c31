package io.parley.user.event;

import java.util.List;

/** The user unsubscribed from these users (all of whom they were subscribed to). */
public record Unsubscribed(String userId, List<String> userIds) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.unsubscribed";

    public Unsubscribed {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }
}
