package io.parley.conversation.model;

import java.util.Objects;

/**
 * Who issues a command. An admin (a server-to-server integration) may act on any conversation with
 * every permission without being a participant.
 */
public record Actor(String userId, boolean admin) {
    public Actor {
        Objects.requireNonNull(userId, "userId");
    }

    public static Actor user(String userId) {
        return new Actor(userId, false);
    }

    public static Actor admin(String userId) {
        return new Actor(userId, true);
    }
}
