package io.parley.presence;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.directory.KnownUsers;
import io.parley.http.Caller;
import io.parley.kafka.EphemeralPublisher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code PUT /v1/users/me/status {"online": true|false}} (Voximplant's {@code setStatus}): stored for user reads
 * and published on {@code parley.ephemeral.v1} for subscribers and the user's other sessions. Never an event.
 */
@Controller("/v1/users/me/status")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class PresenceController {
    private final PresenceStore store;
    private final EphemeralPublisher publisher;

    PresenceController(PresenceStore store, EphemeralPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    @Serdeable
    record Status(@NotNull Boolean online) {
    }

    @Serdeable
    record StatusSet(String userId, boolean online, Instant changedAt) {
    }

    @Put
    StatusSet set(@Body @Valid Status status, Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.set(userId, status.online(), now);
        publisher.presence(userId, status.online(), now);
        return new StatusSet(userId, status.online(), now);
    }
}
