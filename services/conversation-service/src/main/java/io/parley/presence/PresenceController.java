package io.parley.presence;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Header;
import io.parley.conversation.Rejection;
import io.parley.eventlog.UserLog;
import io.parley.http.IfMatch;
import io.parley.user.UserRejectedException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.directory.KnownUsers;
import io.parley.http.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * {@code PUT /v1/users/me/status {"online": true|false}} (Voximplant's {@code setStatus}): stored for user reads
 * and published on {@code parley.ephemeral.v1} for subscribers and the user's other sessions. Never an event.
 */
@CommandRole
@Controller("/v1/users/me/status")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PresenceController {
    private final PresenceStore store;
    private final UserLog userLog;

    PresenceController(PresenceStore store, UserLog userLog) {
        this.userLog = userLog;
        this.store = store;
    }

    @Serdeable
    record Status(@NotNull Boolean online) {
    }

    @Serdeable
    record StatusSet(String userId, boolean online, Instant changedAt) {
    }

    /**
     * {@code If-Match} as for every write of the caller's own state: {@code 412} with their last user sequence
     * when it moved on (a status change itself is no event and does not move it).
     */
    @Put
    StatusSet set(@Body @Valid Status status, @Nullable @Header("If-Match") String ifMatch,
                  Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        Long expected = IfMatch.sequence(ifMatch);
        if (expected != null) {
            long last = userLog.lastSequence(userId);
            if (expected != last) {
                throw new UserRejectedException(Rejection.PRECONDITION_FAILED, "the user's last sequence is " + last
                        + ", not " + expected, last);
            }
        }
        return new StatusSet(userId, status.online(), store.change(userId, status.online()));
    }
}
