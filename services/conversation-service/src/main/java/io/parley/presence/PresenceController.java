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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * {@code PUT /v1/users/me/status {"online": true|false}} (Voximplant's {@code setStatus}): stored for user reads
 * and published on {@code parley.ephemeral.v1} for subscribers and the user's other sessions. Never an event.
 */
@CommandRole
@Controller("/v1/users/me/status")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Users")
@ProblemResponses.Authenticated
public class PresenceController {
    private final PresenceStore store;
    private final UserLog userLog;

    PresenceController(PresenceStore store, UserLog userLog) {
        this.userLog = userLog;
        this.store = store;
    }

    @Serdeable
    @Schema(name = "StatusRequest")
    record Status(@NotNull Boolean online) {
    }

    @Serdeable
    @Schema(name = "Status")
    record StatusSet(String userId, boolean online, Instant changedAt) {
    }

    /**
     * {@code If-Match} as for every write of the caller's own state: {@code 412} with their last user sequence
     * when it moved on (a status change itself is no event and does not move it).
     */
    @Put
    @Operation(operationId = "setOwnStatus", summary = "Set the caller's presence",
            description = "Seen by subscribers and the caller's other sessions (stream presence frames) and in user "
                    + "reads. Never an event, so it does not move the caller's last sequence.")
    @ProblemResponses.JsonBody
    @ProblemResponses.ConditionalWrite
    StatusSet set(@Body @Valid Status status, @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
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
