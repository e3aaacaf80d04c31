package io.parley.conversation.model;

import java.util.Objects;

/** A participant as named in a command or event: who, with which permissions. */
public record ParticipantSpec(String userId, Permissions permissions) {
    public ParticipantSpec {
        Objects.requireNonNull(userId, "userId");
        permissions = permissions == null ? Permissions.defaults() : permissions;
    }
}
