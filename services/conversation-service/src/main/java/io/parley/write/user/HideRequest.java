package io.parley.write.user;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code {"messageIds": [...]}}: messages to delete for the caller only, 1 to 100 (configurable). */
@Serdeable
public record HideRequest(@NotNull @Size(min = 1, message = "names at least one message")
                          List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> messageIds) {
}
