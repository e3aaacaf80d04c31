package io.parley.view;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.ConversationAccess;
import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.Rejection;
import io.parley.http.Caller;
import io.parley.http.InputLimits;
import io.parley.http.Ids;
import io.parley.sync.SyncCursors;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * Reads answered from the projected views: the conversation, its participants, its message history,
 * one message with its receipts, and the caller's unread count. Each waits for the views to reach what the
 * event store holds, and accepts {@code minSequence} and {@code minCursor} (see {@link ViewConsistency}).
 */
@Controller("/v1/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationReadController {
    private final ConversationViews views;
    private final InputLimits limits;
    private final ConversationAccess access;
    private final ConversationAtSequence history;
    private final ViewConsistency consistency;
    private final CallerViews seen;

    ConversationReadController(ConversationViews views, InputLimits limits, ConversationAccess access,
                               ConversationAtSequence history, ViewConsistency consistency, CallerViews seen) {
        this.seen = seen;
        this.views = views;
        this.limits = limits;
        this.access = access;
        this.history = history;
        this.consistency = consistency;
    }

    /** The conversation now, or with {@code atSequence=N} as it was right after event N. */
    @Get
    HttpResponse<?> conversation(@PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String conversationId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor,
            @QueryValue @Nullable @Min(1) Long atSequence, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (atSequence != null) {
            if (!access.readableRange(conversationId, caller).contains(atSequence)) {
                throw new ConversationRejectedException(Rejection.NOT_FOUND,
                        "sequence " + atSequence + " of " + conversationId + " not found");
            }
            return HttpResponse.ok(history.at(conversationId, atSequence));
        }
        Window window = window(conversationId, minSequence, minCursor, caller);
        return window.answer(seen.conversation(conversationId, window.readable()).orElseThrow());
    }

    @Get("/participants")
    HttpResponse<Participants> participants(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        Window window = window(conversationId, minSequence, minCursor, Caller.of(authentication));
        return window.answer(new Participants(seen.participants(conversationId, window.readable()),
                window.range().to()));
    }

    /** A page of history: {@code backwards} (default) from {@code anchor} (default: newest), or {@code forward}. */
    @Get("/messages")
    HttpResponse<MessagePage> messages(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long anchor,
            @QueryValue @Nullable @Pattern(regexp = "backwards|forward") String direction,
            @QueryValue @Nullable @Min(1) Integer pageSize, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor,
            Authentication authentication) {
        int size = limits.pageSize(pageSize);
        Window window = window(conversationId, minSequence, minCursor, Caller.of(authentication));
        ReadableRange range = window.range();
        boolean forward = "forward".equals(direction);
        List<ConversationViews.HistoryItem> items = forward
                ? views.messages(conversationId, Math.max(range.from(), (anchor == null ? 0 : anchor) + 1),
                range.to(), false, size)
                : views.messages(conversationId, range.from(),
                Math.min(range.to(), (anchor == null ? Long.MAX_VALUE : anchor) - 1), true, size);
        Long nextAnchor = items.size() < size ? null : items.get(items.size() - 1).sequence();
        return window.answer(new MessagePage(seen.asSeen(conversationId, items, window.readable()), nextAnchor,
                range.to()));
    }

    @Get("/messages/{messageId}")
    HttpResponse<ConversationViews.HistoryItem> message(@PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String messageId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        Window window = window(conversationId, minSequence, minCursor, Caller.of(authentication));
        return window.answer(seen.asSeen(conversationId, visibleMessage(conversationId, messageId, window),
                window.readable()));
    }

    @Get("/messages/{messageId}/receipts")
    HttpResponse<Receipts> receipts(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String messageId, @QueryValue @Nullable @Min(0) Long minSequence, @QueryValue @Nullable String minCursor,
            Authentication authentication) {
        Window window = window(conversationId, minSequence, minCursor, Caller.of(authentication));
        ConversationViews.HistoryItem message = visibleMessage(conversationId, messageId, window);
        List<ConversationViews.Participant> participants = seen.participants(conversationId, window.readable());
        List<String> deliveredTo = participants.stream()
                .filter(p -> !p.userId().equals(message.author()))
                .filter(p -> Math.max(p.lastDeliveredSequence(), p.lastReadSequence()) >= message.sequence())
                .map(ConversationViews.Participant::userId).toList();
        List<String> readBy = participants.stream()
                .filter(p -> !p.userId().equals(message.author()) && p.lastReadSequence() >= message.sequence())
                .map(ConversationViews.Participant::userId).toList();
        return window.answer(new Receipts(deliveredTo, readBy, deliveredTo.size(), readBy.size(),
                participants.size(), window.range().to()));
    }

    @Get("/unread")
    HttpResponse<Unread> unread(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Window window = window(conversationId, minSequence, minCursor, caller);
        ReadableRange range = window.range();
        ConversationViews.Participant participant = views.participant(conversationId, caller.userId())
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        long unread = seen.unreadCount(conversationId, caller.userId(), participant.lastReadSequence(), range.to(),
                window.readable());
        return window.answer(new Unread(unread, participant.lastReadSequence(), range.to(), range.to()));
    }

    private ConversationViews.HistoryItem visibleMessage(String conversationId, String messageId, Window window) {
        return views.message(conversationId, messageId).filter(m -> window.range().contains(m.sequence()))
                .orElseThrow(() -> window.reached()
                        ? new ConversationRejectedException(Rejection.NOT_FOUND,
                        "message " + messageId + " not found in " + conversationId)
                        : ViewsBehind.of(conversationId));
    }

    /**
     * What the caller may read (decided by the aggregate, from the event store), once the views have
     * reached it and the client's {@code minSequence} and {@code minCursor} or 2 s have passed; cut to
     * where the views have got.
     */
    private Window window(String conversationId, Long minSequence, String minCursor, Caller caller) {
        ReadableRange readable = access.readableRange(conversationId, caller);
        long deadline = ViewConsistency.deadline();
        boolean reached = consistency.awaitConversation(conversationId, readable, minSequence, deadline)
                & consistency.awaitCursor(caller.userId(), SyncCursors.syncPosition(minCursor), deadline);
        long projected = views.conversation(conversationId).map(ConversationViews.Conversation::lastSequence)
                .orElseThrow(() -> ViewsBehind.of(conversationId));
        return new Window(readable, new ReadableRange(readable.from(), Math.min(readable.to(), projected)), reached);
    }

    /** The part of the views a read answers from, and whether they reached all it waited for. */
    private record Window(ReadableRange readable, ReadableRange range, boolean reached) {
        <T> MutableHttpResponse<T> answer(T body) {
            return consistency(HttpResponse.ok(body), reached);
        }
    }

    private static <T> MutableHttpResponse<T> consistency(MutableHttpResponse<T> response, boolean reached) {
        return reached ? response : response.header(ViewConsistency.HEADER, ViewConsistency.PENDING);
    }

    @Serdeable
    record Participants(List<ConversationViews.Participant> participants, long asOfSequence) {
    }

    @Serdeable
    record MessagePage(List<ConversationViews.HistoryItem> items, Long nextAnchor, long asOfSequence) {
    }

    @Serdeable
    record Receipts(List<String> deliveredTo, List<String> readBy, int deliveredCount, int readCount,
                    int participantCount, long asOfSequence) {
    }

    @Serdeable
    record Unread(long unreadCount, long lastReadSequence, long lastSequence, long asOfSequence) {
    }
}
