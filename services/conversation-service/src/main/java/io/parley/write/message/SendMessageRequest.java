package io.parley.write.message;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.ArraySchema;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /v1/conversations/{id}/messages}. */
@Serdeable
public record SendMessageRequest(
        @Nullable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
        @Nullable String text,
        @Nullable @Size(max = 100) @ArraySchema(schema = @Schema(type = "object", additionalProperties =
                Schema.AdditionalPropertiesValue.TRUE))
        List<@NotNull Map<String, Object>> payload,
        @Nullable @Schema(additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> attributes,
        @Nullable @Size(max = 10) List<@NotNull @Valid MediaRequest> media,
        @Nullable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String replyTo,
        @Nullable @Size(max = 100) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> mentions,
        @Nullable @Valid MessageRefRequest forwardedFrom) {

    @Serdeable
    @Schema(name = "MediaRequest")
    public record MediaRequest(@NotBlank @Pattern(regexp = "image|audio|video|file") String type,
                               @NotBlank @Size(max = 2048) String url,
                               @NotBlank @Size(max = 256) String fileName,
                               @Min(0) long size,
                               @NotBlank @Size(max = 256) String mimeType,
                               @Nullable @Min(0) Long durationMs,
                               @Nullable @Size(max = 2048) String thumbnailUrl,
                               @Nullable @Size(max = 1024) String caption) {
    }

    @Serdeable
    @Schema(name = "MessageRefRequest")
    public record MessageRefRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                                    @NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId) {
    }
}
