package io.parley.read.history;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.model.ReadableRange;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.http.InputLimits;
import io.parley.read.visibility.ReadWindows;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * A conversation's message history and one message, from {@code message_view}, within the caller's range
 * (see {@link ReadWindows}: waits for the views, {@code minSequence}, {@code minCursor}).
 */
@CommandRole
@Controller("/v1/conversations/{conversationId}/messages")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Messages")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.ViewsBehind
public class HistoryController {
    private final MessageQueries messages;
    private final HistoryAsSeen seen;
    private final InputLimits limits;
    private final ReadWindows windows;

    HistoryController(MessageQueries messages, HistoryAsSeen seen, InputLimits limits, ReadWindows windows) {
        this.messages = messages;
        this.seen = seen;
        this.limits = limits;
        this.windows = windows;
    }

    /** A page of history: {@code backwards} (default) from {@code anchor} (default: newest), or {@code forward}. */
    @Get
    @Operation(operationId = "listMessages", summary = "A page of the history",
            description = "Edits applied, tombstones kept, within what the caller may read. `backwards` (default): "
                    + "messages below anchor (default: the newest), newest first; `forward`: above it, oldest first. "
                    + "nextAnchor is the anchor of the next page, null on the last. A message whose stored row cannot "
                    + "be rendered stands in its place as an UnreadableMessage.")
    @ReadParameters.Consistent
    HttpResponse<MessagePage> messages(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId,
            @Parameter(description = "A sequence; default: the newest") @QueryValue @Nullable @Min(0) Long anchor,
            @Parameter(description = "default: backwards", schema = @Schema(allowableValues = {"backwards", "forward"}))
            @QueryValue @Nullable @Pattern(regexp = "backwards|forward") String direction,
            @ReadParameters.PageSize @QueryValue @Nullable @Min(1) Integer pageSize,
            @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor, Authentication authentication) {
        int size = limits.pageSize(pageSize);
        boolean forward = "forward".equals(direction);
        return windows.read(conversationId, Caller.of(authentication), minSequence, minCursor, window -> {
            ReadableRange range = window.range();
            List<MessageQueries.HistoryItem> items = forward
                    ? messages.messages(conversationId, Math.max(range.from(), (anchor == null ? 0 : anchor) + 1),
                    range.to(), false, size, window.mask())
                    : messages.messages(conversationId, range.from(),
                    Math.min(range.to(), (anchor == null ? Long.MAX_VALUE : anchor) - 1), true, size, window.mask());
            Long nextAnchor = items.size() < size ? null : items.get(items.size() - 1).sequence();
            return new MessagePage(seen.asSeen(conversationId, items, window.readable()), nextAnchor, range.to());
        });
    }

    @Get("/{messageId}")
    @Operation(operationId = "getMessage", summary = "One message",
            description = "As in the history: edits applied, a removed one as its tombstone; 404 if unknown or "
                    + "outside what the caller may read.")
    @ReadParameters.Consistent
    HttpResponse<MessageQueries.HistoryItem> message(@PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String messageId,
            @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor, Authentication authentication) {
        return windows.read(conversationId, Caller.of(authentication), minSequence, minCursor,
                window -> seen.asSeen(conversationId, messages.visibleMessage(conversationId, messageId, window),
                        window.readable()));
    }

    @Serdeable
    @Schema(name = "MessagePage")
    record MessagePage(List<MessageQueries.HistoryItem> items,
                       @Nullable @Schema(requiredMode = REQUIRED) Long nextAnchor, long asOfSequence) {
    }
}
