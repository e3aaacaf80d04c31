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
 * one message with its receipts, and the caller's unread count. Most accept {@code minSequence} and
 * {@code minCursor} (see {@link ViewConsistency}).
 */
@Controller("/v1/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationReadController {
    private final ConversationViews views;
    private final InputLimits limits;
    private final ConversationAccess access;
    private final ConversationAtSequence history;
    private final ViewConsistency consistency;

    ConversationReadController(ConversationViews views, InputLimits limits, ConversationAccess access,
                               ConversationAtSequence history, ViewConsistency consistency) {
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
        boolean reached = reached(conversationId, minSequence, minCursor, authentication);
        window(conversationId, caller);
        return consistency(HttpResponse.ok(views.conversation(conversationId).orElseThrow()), reached);
    }

    @Get("/participants")
    HttpResponse<Participants> participants(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        boolean reached = reached(conversationId, minSequence, minCursor, authentication);
        ReadableRange window = window(conversationId, Caller.of(authentication));
        return consistency(HttpResponse.ok(new Participants(views.participants(conversationId), window.to())), reached);
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
        boolean reached = reached(conversationId, minSequence, minCursor, authentication);
        ReadableRange window = window(conversationId, Caller.of(authentication));
        boolean forward = "forward".equals(direction);
        List<ConversationViews.HistoryItem> items = forward
                ? views.messages(conversationId, Math.max(window.from(), (anchor == null ? 0 : anchor) + 1),
                window.to(), false, size)
                : views.messages(conversationId, window.from(),
                Math.min(window.to(), (anchor == null ? Long.MAX_VALUE : anchor) - 1), true, size);
        Long nextAnchor = items.size() < size ? null : items.get(items.size() - 1).sequence();
        return consistency(HttpResponse.ok(new MessagePage(items, nextAnchor, window.to())), reached);
    }

    @Get("/messages/{messageId}")
    ConversationViews.HistoryItem message(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
            Authentication authentication) {
        return visibleMessage(conversationId, messageId, Caller.of(authentication));
    }

    @Get("/messages/{messageId}/receipts")
    Receipts receipts(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                      @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
                      Authentication authentication) {
        ConversationViews.HistoryItem message = visibleMessage(conversationId, messageId, Caller.of(authentication));
        List<ConversationViews.Participant> participants = views.participants(conversationId);
        List<String> deliveredTo = participants.stream()
                .filter(p -> !p.userId().equals(message.author()))
                .filter(p -> Math.max(p.lastDeliveredSequence(), p.lastReadSequence()) >= message.sequence())
                .map(ConversationViews.Participant::userId).toList();
        List<String> readBy = participants.stream()
                .filter(p -> !p.userId().equals(message.author()) && p.lastReadSequence() >= message.sequence())
                .map(ConversationViews.Participant::userId).toList();
        return new Receipts(deliveredTo, readBy, deliveredTo.size(), readBy.size(), participants.size(),
                views.conversation(conversationId).orElseThrow().lastSequence());
    }

    @Get("/unread")
    HttpResponse<Unread> unread(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @QueryValue @Nullable @Min(0) Long minSequence,
            @QueryValue @Nullable String minCursor, Authentication authentication) {
        boolean reached = reached(conversationId, minSequence, minCursor, authentication);
        Caller caller = Caller.of(authentication);
        ReadableRange window = window(conversationId, caller);
        ConversationViews.Participant participant = views.participant(conversationId, caller.userId())
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        long unread = views.unreadCount(conversationId, caller.userId(), participant.lastReadSequence(), window.to());
        return consistency(HttpResponse.ok(new Unread(unread, participant.lastReadSequence(), window.to(),
                window.to())), reached);
    }

    private ConversationViews.HistoryItem visibleMessage(String conversationId, String messageId, Caller caller) {
        ReadableRange window = window(conversationId, caller);
        return views.message(conversationId, messageId).filter(m -> window.contains(m.sequence()))
                .orElseThrow(() -> new ConversationRejectedException(Rejection.NOT_FOUND,
                        "message " + messageId + " not found in " + conversationId));
    }

    /** What the caller may read (decided by the aggregate), up to where the views have got. */
    private ReadableRange window(String conversationId, Caller caller) {
        ReadableRange readable = access.readableRange(conversationId, caller);
        long projected = views.conversation(conversationId).map(ConversationViews.Conversation::lastSequence)
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        return new ReadableRange(readable.from(), Math.min(readable.to(), projected));
    }

    /** Both waits of read-your-writes: the conversation's sequence and the caller's sync cursor. */
    private boolean reached(String conversationId, Long minSequence, String minCursor, Authentication authentication) {
        boolean sequence = consistency.awaitSequence(conversationId, minSequence);
        return consistency.awaitCursor(Caller.of(authentication).userId(), SyncCursors.syncPosition(minCursor))
                && sequence;
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
