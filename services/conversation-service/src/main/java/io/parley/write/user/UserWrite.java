package io.parley.write.user;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.user.command.UserChanged;

/**
 * The answer to a write on the caller's private state: their last user sequence afterwards (the
 * {@code If-Match} of the next write) and whether this request appended an event.
 */
@Serdeable
public record UserWrite(String userId, long lastSequence, boolean appended) {
    static UserWrite of(String userId, UserChanged changed) {
        return new UserWrite(userId, changed.lastSequence(), changed.appended());
    }
}
