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

import java.util.List;

/**
 * A conversation's message history and one message, from {@code message_view}, within the caller's range
 * (see {@link ReadWindows}: waits for the views, {@code minSequence}, {@code minCursor}).
 */
@CommandRole
@Controller("/v1/conversations/{conversationId}/messages")
@Secured(SecurityRule.IS_AUTHENTICATED)
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
    HttpResponse<MessagePage> messages(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long anchor,
            @QueryValue @Nullable @Pattern(regexp = "backwards|forward") String direction,
            @QueryValue @Nullable @Min(1) Integer pageSize, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
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
    HttpResponse<MessageQueries.HistoryItem> message(@PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String messageId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        return windows.read(conversationId, Caller.of(authentication), minSequence, minCursor,
                window -> seen.asSeen(conversationId, messages.visibleMessage(conversationId, messageId, window),
                        window.readable()));
    }

    @Serdeable
    record MessagePage(List<MessageQueries.HistoryItem> items, Long nextAnchor, long asOfSequence) {
    }
}
