package io.parley.write.message;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** The body of {@code POST /v1/messages:forward}. */
@Serdeable
public record ForwardRequest(@NotNull @Valid Source from,
                             @NotNull @Size(min = 1, max = 30)
                             List<@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> to) {

    @Serdeable
    @Schema(name = "ForwardSource")
    public record Source(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                         @NotNull @Size(min = 1, max = 100)
                         List<@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> messageIds) {
    }
}
