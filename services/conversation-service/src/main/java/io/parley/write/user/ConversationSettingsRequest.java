package io.parley.write.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Pattern;

/** The body of {@code PATCH /v1/users/me/conversations/{id}}: absent or null fields are unchanged. */
@Serdeable
public record ConversationSettingsRequest(@Nullable Boolean archived,
                                          @Nullable @Pattern(regexp = "default|muted",
                                                  message = "must be default or muted") String notificationLevel) {
    boolean namesNothing() {
        return archived == null && notificationLevel == null;
    }
}
