package io.parley.write.user;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;

/** The body of {@code POST /v1/users/me/conversations/{id}/clear}: up to which sequence; absent: all so far. */
@Serdeable
public record ClearRequest(@Nullable @Min(1) Long upToSequence) {
}
