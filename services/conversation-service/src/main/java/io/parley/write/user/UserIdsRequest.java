package io.parley.write.user;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code {"userIds": [...]}}: users to subscribe to or unsubscribe from, 1 to 50 (the users batch limit). */
@Serdeable
public record UserIdsRequest(@NotNull @Size(min = 1, message = "names at least one user")
                             List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> userIds) {
}
