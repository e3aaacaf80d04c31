package io.parley.read.events;

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
import io.parley.config.Limits;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.read.visibility.ReadWindows;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

/** Replaying a conversation's log by sequence. */
@CommandRole
@Controller("/v1/conversations/{conversationId}/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Sync and replay")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
public class EventsController {
    private final ReadWindows windows;
    private final EventPages pages;
    private final Limits limits;

    EventsController(ReadWindows windows, EventPages pages, Limits limits) {
        this.windows = windows;
        this.pages = pages;
        this.limits = limits;
    }

    /**
     * {@code ?after=N&limit=L}, or the inclusive range {@code ?from=A&to=B}; at most 100 events (configurable).
     * Read from the event store, so a write is there once acknowledged; the caller's range as
     * {@link ReadWindows#readLog} decides it. {@code minSequence} past the log's end and {@code minCursor}
     * wait up to 2 s, then answer with {@code Parley-Consistency: pending}.
     */
    @Get
    @Operation(operationId = "listEvents", summary = "Replay the conversation's log by sequence",
            description = "?after=N&limit=L (events with sequence > N), or the inclusive range ?from=A&to=B; at most "
                    + "100 events (parley.limits.replay-events). Every sequence from `from` to `to` is present: an "
                    + "event the caller may not see is {sequence, type: hidden}. A former participant's log ends at "
                    + "their leave. Removed messages' earlier events carry only {messageId, redacted: true}.")
    @ReadParameters.Consistent
    HttpResponse<EventPage> events(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                     @Parameter(description = "Events after this sequence (default 0); not with from/to")
                     @QueryValue @Nullable @Min(0) Long after,
                     @Parameter(description = "How many, with after: default and at most 100",
                             schema = @Schema(type = "integer", format = "int32", maximum = "100",
                                     defaultValue = "100"))
                     @QueryValue @Nullable @Min(1) Integer limit,
                     @Parameter(description = "First sequence of an inclusive range (with to; at most 100 events)")
                     @QueryValue @Nullable @Min(1) Long from,
                     @Parameter(description = "Last sequence of the inclusive range (with from)")
                     @QueryValue @Nullable @Min(1) Long to,
                     @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
                     @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                     Authentication authentication) {
        int maxEvents = limits.replayEvents();
        if (limit != null && limit > maxEvents) {
            throw new BadRequest("limit must be at most " + maxEvents + ", got " + limit);
        }
        long first;
        long last;
        if (from != null || to != null) {
            if (after != null || limit != null || from == null || to == null) {
                throw new BadRequest("use either after and limit, or from and to together");
            }
            if (to < from || to - from + 1 > maxEvents) {
                throw new BadRequest("from..to must be a range of 1 to " + maxEvents + " events");
            }
            first = from;
            last = to;
        } else {
            first = (after == null ? 0 : after) + 1;
            last = first + (limit == null ? maxEvents : limit) - 1;
        }
        long firstWanted = first;
        long lastWanted = last;
        return windows.readLog(conversationId, Caller.of(authentication), minSequence, minCursor,
                window -> pages.page(conversationId, firstWanted, lastWanted, window.readable(), window.asOf(),
                        window.mask()));
    }
}
