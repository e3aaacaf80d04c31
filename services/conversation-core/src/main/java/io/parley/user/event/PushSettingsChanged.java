package io.parley.user.event;

import java.util.List;

/**
 * The conversation event types (e.g. {@code message.sent}) that now trigger push notifications for the
 * user, without duplicates; empty: none. Replaces the previous list (before any: {@code ["message.sent"]}).
 */
public record PushSettingsChanged(String userId, List<String> events) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.push_settings_changed";

    public PushSettingsChanged {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
