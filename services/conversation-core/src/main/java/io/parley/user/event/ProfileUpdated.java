package io.parley.user.event;

import java.util.List;

/**
 * The user changed their own profile. A null field is unchanged; a field named in {@code cleared}
 * ({@code displayName}, {@code customData}, {@code privateCustomData}) was removed. Only fields whose value
 * actually changed are present. {@code customData} and {@code privateCustomData} are JSON objects as text;
 * only the user themselves ever sees {@code privateCustomData}.
 */
public record ProfileUpdated(String userId, String displayName, String customData, String privateCustomData,
                             List<String> cleared) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.profile_updated";

    public ProfileUpdated {
        cleared = cleared == null ? List.of() : List.copyOf(cleared);
    }
}
