package io.parley.read.inbox;

import io.parley.config.CommandRole;
import io.parley.read.visibility.SyncCursors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Caller;
import io.parley.http.InputLimits;
import io.parley.eventlog.UserEventView;
import io.parley.eventlog.UserEventViews;
import io.parley.read.visibility.ViewConsistency;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import io.micronaut.http.HttpResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * {@code /v1/sync}: what changed for the caller since a cursor (no cursor: everything): their conversations
 * whose entry changed, and their own private events ({@code userEvents}, read from the event store up to what the
 * views applied), under one cursor; and the inbox. Cursors are opaque to clients; a client replays each listed
 * conversation from its own stored sequence.
 */
@CommandRole
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Sync and replay")
@ProblemResponses.Authenticated
public class SyncController {
    private final InboxViews inbox;
    private final InputLimits limits;
    private final ViewConsistency consistency;
    private final UserEventViews userLog;

    SyncController(InboxViews inbox, InputLimits limits, ViewConsistency consistency, UserEventViews userLog) {
        this.userLog = userLog;
        this.inbox = inbox;
        this.limits = limits;
        this.consistency = consistency;
    }

    @Get("/sync")
    @Operation(operationId = "sync", summary = "What changed for the caller since a cursor",
            description = "Every conversation of the caller whose entry changed since the cursor (no cursor: all), "
                    + "oldest change first, and the caller's own user events, under one cursor; hasMore while either "
                    + "has more. A client replays each listed conversation from its stored sequence with /events.")
    @ReadParameters.Consistent
    HttpResponse<Sync> sync(@Parameter(description = "The cursor of a previous answer (opaque); absent: everything")
                            @QueryValue @Nullable String since,
                            @Parameter(description = "Entries and user events per answer: default 30, at most 100",
                                    schema = @Schema(type = "integer", format = "int32", maximum = "100",
                                            defaultValue = "30"))
                            @QueryValue @Nullable @Min(1) Integer limit,
                            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                            Authentication authentication) {
        int size = limits.pageSize(limit);
        String userId = Caller.of(authentication).userId();
        boolean reached = consistency.awaitUser(userId, SyncCursors.syncPosition(minCursor),
                ViewConsistency.deadline());
        SyncCursors.SyncPosition position = SyncCursors.syncPosition(since);
        SyncCursors.SyncPosition after = position == null ? SyncCursors.SyncPosition.START : position;
        // user events only as far as the views applied them, so that the entries and the events agree
        long userEventsApplied = consistency.lastUserEvent(userId);
        List<UserEventView> userEvents = userEventsApplied <= after.userEvents() ? List.of()
                : userLog.events(userId, after.userEvents() + 1, userEventsApplied, size);
        InboxViews.Page page = inbox.changedSince(userId, after.changes(), size);
        long nextChanges = page.entries().isEmpty() ? after.changes() : page.lastCursor();
        long nextUserEvents = userEvents.isEmpty() ? after.userEvents()
                : userEvents.get(userEvents.size() - 1).sequence();
        boolean more = page.hasMore() || nextUserEvents < userEventsApplied;
        Sync sync = new Sync(SyncCursors.encode(new SyncCursors.SyncPosition(nextChanges, nextUserEvents)),
                page.entries(), userEvents, more);
        return reached ? HttpResponse.ok(sync) : HttpResponse.ok(sync).header(ViewConsistency.HEADER, ViewConsistency.PENDING);
    }

    /** The inbox ("recent chats"): conversations the caller is in, most recent activity first. */
    @Get("/users/me/conversations")
    @Operation(operationId = "listInbox", summary = "The caller's inbox (recent chats)",
            description = "Conversations the caller is in, newest first by the later of the last message and the "
                    + "caller's arrival; edits, removals, read and delivered changes do not reorder it. Left, removed "
                    + "and dropped conversations are not listed.")
    @ReadParameters.Consistent
    HttpResponse<Inbox> conversations(@ReadParameters.PageSize @QueryValue @Nullable @Min(1) Integer pageSize,
                                      @ReadParameters.Cursor @QueryValue @Nullable String cursor,
                        @Parameter(description = "true: only archived ones; false: only the others; absent: both",
                                schema = @Schema(allowableValues = {"true", "false"}))
                        @QueryValue @Nullable @Pattern(regexp = "true|false",
                                                       message = "must be true or false") String archived,
                                                       @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                        Authentication authentication) {
        int size = limits.pageSize(pageSize);
        boolean reached = consistency.awaitUser(Caller.of(authentication).userId(),
                SyncCursors.syncPosition(minCursor), ViewConsistency.deadline());
        Inbox answer = inbox(size, cursor, archived == null ? null : Boolean.valueOf(archived), authentication);
        return reached ? HttpResponse.ok(answer) : HttpResponse.ok(answer).header(ViewConsistency.HEADER, ViewConsistency.PENDING);
    }

    private Inbox inbox(int size, String cursor, Boolean archived, Authentication authentication) {
        long beforeMillis = Long.MAX_VALUE;
        String beforeId = "";
        if (cursor != null && !cursor.isBlank()) {
            String[] position = SyncCursors.decode(cursor, "i").split("\n", 2);
            beforeMillis = Long.parseLong(position[0]);
            beforeId = position[1];
        }
        InboxViews.Page page = inbox.inbox(Caller.of(authentication).userId(), beforeMillis,
                beforeMillis == Long.MAX_VALUE ? "\uffff" : beforeId, archived, size);
        String next = page.hasMore() ? SyncCursors.encode("i", page.lastActivityMillis() + "\n" + page.lastConversationId()) : null;
        return new Inbox(page.entries(), next);
    }

    @Serdeable
    @Schema(name = "Sync")
    record Sync(String cursor, List<InboxViews.Entry> conversations, List<UserEventView> userEvents, boolean hasMore) {
    }

    @Serdeable
    @Schema(name = "InboxPage")
    record Inbox(List<InboxViews.Entry> conversations, @Nullable @Schema(requiredMode = REQUIRED) String nextCursor) {
    }
}
