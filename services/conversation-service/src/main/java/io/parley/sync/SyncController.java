package io.parley.sync;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.config.Limits;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.view.InboxViews;
import jakarta.validation.constraints.Min;

import io.micronaut.http.HttpResponse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code /v1/sync}: what changed for the caller since a cursor (no cursor: everything), and the inbox.
 * Cursors are opaque to clients; a client replays each listed conversation from its own stored sequence.
 */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SyncController {
    private final InboxViews inbox;
    private final Limits limits;

    SyncController(InboxViews inbox, Limits limits) {
        this.inbox = inbox;
        this.limits = limits;
    }

    @Get("/sync")
    HttpResponse<Sync> sync(@QueryValue @Nullable String since, @QueryValue @Nullable @Min(1) Integer limit,
                            @QueryValue @Nullable String minCursor, Authentication authentication) {
        int size = size(limit);
        String userId = Caller.of(authentication).userId();
        boolean reached = awaitCursor(userId, minCursor);
        long after = since == null || since.isBlank() ? 0 : Long.parseLong(decode(since, "s"));
        InboxViews.Page page = inbox.changedSince(userId, after, size);
        long next = page.entries().isEmpty() ? after : page.lastCursor();
        Sync sync = new Sync(encode("s", Long.toString(next)), page.entries(), List.of(), page.hasMore());
        return reached ? HttpResponse.ok(sync) : HttpResponse.ok(sync).header("Parley-Consistency", "pending");
    }

    /**
     * Read-your-writes for a user's views: waits up to 2 s until they hold a change at or past
     * {@code minCursor} (a cursor this server issued); false when they did not get there in time.
     */
    private boolean awaitCursor(String userId, String minCursor) {
        if (minCursor == null || minCursor.isBlank()) {
            return true;
        }
        long wanted = Long.parseLong(decode(minCursor, "s"));
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (inbox.lastCursor(userId) < wanted) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return true;
    }

    /** The inbox ("recent chats"): conversations the caller is in, most recent activity first. */
    @Get("/users/me/conversations")
    Inbox conversations(@QueryValue @Nullable @Min(1) Integer pageSize, @QueryValue @Nullable String cursor,
                        @QueryValue @Nullable Boolean archived, Authentication authentication) {
        int size = size(pageSize);
        if (Boolean.TRUE.equals(archived)) {
            // nothing can be archived until per-user conversation settings exist
            return new Inbox(List.of(), null);
        }
        long beforeMillis = Long.MAX_VALUE;
        String beforeId = "";
        if (cursor != null && !cursor.isBlank()) {
            String[] position = decode(cursor, "i").split("\n", 2);
            beforeMillis = Long.parseLong(position[0]);
            beforeId = position[1];
        }
        InboxViews.Page page = inbox.inbox(Caller.of(authentication).userId(), beforeMillis,
                beforeMillis == Long.MAX_VALUE ? "\uffff" : beforeId, size);
        String next = page.hasMore() ? encode("i", page.lastActivityMillis() + "\n" + page.lastConversationId()) : null;
        return new Inbox(page.entries(), next);
    }

    private int size(Integer requested) {
        int size = requested == null ? limits.getDefaultPageSize() : requested;
        if (size > limits.getMaxPageSize()) {
            throw new BadRequest("at most " + limits.getMaxPageSize() + " per page, got " + size);
        }
        return size;
    }

    private static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor, String kind) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(kind + ":")) {
                throw new IllegalArgumentException();
            }
            String position = decoded.substring(kind.length() + 1);
            if (kind.equals("s")) {
                Long.parseLong(position);
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor is not one this server issued");
        }
    }

    @Serdeable
    record Sync(String cursor, List<InboxViews.Entry> conversations, List<Object> userEvents, boolean hasMore) {
    }

    @Serdeable
    record Inbox(List<InboxViews.Entry> conversations, String nextCursor) {
    }
}
