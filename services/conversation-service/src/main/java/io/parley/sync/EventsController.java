package io.parley.sync;

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
import io.parley.conversation.ConversationAccess;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.conversation.model.ReadableRange;
import io.parley.view.ViewConsistency;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** Replaying a conversation's log by sequence. */
@Controller("/v1/conversations/{conversationId}/events")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class EventsController {
    private final ConversationAccess access;
    private final ConversationLog log;
    private final Limits limits;
    private final ViewConsistency consistency;

    EventsController(ConversationAccess access, ConversationLog log, Limits limits, ViewConsistency consistency) {
        this.access = access;
        this.log = log;
        this.limits = limits;
        this.consistency = consistency;
    }

    /**
     * {@code ?after=N&limit=L}, or the inclusive range {@code ?from=A&to=B}; at most 100 events (configurable).
     * Read from the event store, so a write is there once acknowledged; {@code minCursor} is checked and
     * then has nothing to wait for.
     */
    @Get
    HttpResponse<EventPage> events(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                     @QueryValue @Nullable @Min(0) Long after,
                     @QueryValue @Nullable @Min(1) Integer limit,
                     @QueryValue @Nullable @Min(1) Long from,
                     @QueryValue @Nullable @Min(1) Long to,
                     @QueryValue @Nullable @Min(0) Long minSequence,
                     @QueryValue @Nullable String minCursor,
                     Authentication authentication) {
        SyncCursors.syncPosition(minCursor);
        int maxEvents = limits.getReplayEvents();
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
        ReadableRange readable = access.readableRange(conversationId, Caller.of(authentication));
        boolean reached = consistency.awaitStored(conversationId, minSequence, ViewConsistency.deadline());
        EventPage page = log.page(conversationId, first, last, readable);
        return reached ? HttpResponse.ok(page)
                : HttpResponse.ok(page).header(ViewConsistency.HEADER, ViewConsistency.PENDING);
    }
}
