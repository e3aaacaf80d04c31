package io.parley.read.conversation;

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
import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.Rejection;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.read.history.MessageQueries;
import io.parley.read.visibility.ReadWindows;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.parley.read.visibility.ViewConsistency;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Reads of one conversation answered from the projected views: the conversation (or, with
 * {@code atSequence}, as it was then), its participants, one message's receipts and the caller's unread
 * count. Each answers from the caller's range once the views have reached what the event store holds and
 * the client's {@code minSequence} and {@code minCursor} (see {@link ReadWindows}).
 */
@CommandRole
@Controller("/v1/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.ViewsBehind
public class ConversationReadController {
    private final ConversationQueries views;
    private final MessageQueries messages;
    private final ConversationAtSequence history;
    private final ReadWindows windows;
    private final CallerViews seen;

    ConversationReadController(ConversationQueries views, MessageQueries messages, ConversationAtSequence history,
                               ReadWindows windows, CallerViews seen) {
        this.views = views;
        this.messages = messages;
        this.history = history;
        this.windows = windows;
        this.seen = seen;
    }

    /** The conversation now, or with {@code atSequence=N} as it was right after event N. */
    @Get
    @Tag(name = "Conversations")
    @Operation(operationId = "getConversation", summary = "The conversation, or as it was right after event N",
            description = "Counts come with asOfSequence. With atSequence=N: folded from the log up to N (time "
                    + "travel for audits and support); a sequence outside what the caller may read is 404.")
    @ApiResponse(responseCode = "200", description = "The conversation (without atSequence), or its state at "
            + "atSequence", content = @Content(schema = @Schema(oneOf = {ConversationQueries.Conversation.class,
            ConversationAtSequence.State.class})),
            headers = @Header(name = ViewConsistency.HEADER, description = "`pending`: the views did not reach what "
                    + "the read waited for within 2 s", schema = @Schema(type = "string", allowableValues = "pending")))
    HttpResponse<?> conversation(@PathVariable @Pattern(regexp = Ids.PATTERN,
            message = Ids.MESSAGE) String conversationId,
            @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
            @Parameter(description = "Answer the conversation as it was right after this event")
            @QueryValue @Nullable @Min(1) Long atSequence, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        if (atSequence != null) {
            return windows.read(conversationId, caller, minSequence, minCursor, window -> {
                if (!window.readable().contains(atSequence)) {
                    throw new ConversationRejectedException(Rejection.NOT_FOUND,
                            "sequence " + atSequence + " of " + conversationId + " not found");
                }
                return history.at(conversationId, atSequence);
            });
        }
        return windows.read(conversationId, caller, minSequence, minCursor,
                window -> seen.conversation(conversationId, window.readable(), window.mask()).orElseThrow());
    }

    @Get("/participants")
    @Tag(name = "Participants")
    @Operation(operationId = "listParticipants", summary = "The participants",
            description = "With permissions, joinedAt and the read and delivered horizons, in the order they came in.")
    @ReadParameters.Consistent
    HttpResponse<Participants> participants(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor, Authentication authentication) {
        return windows.read(conversationId, Caller.of(authentication), minSequence, minCursor,
                window -> new Participants(seen.participants(conversationId, window.readable()), window.range().to()));
    }

    @Get("/messages/{messageId}/receipts")
    @Tag(name = "Read state")
    @Operation(operationId = "getReceipts", summary = "Who received and read a message",
            description = "Current participants other than the author whose delivered (or read) horizon, respectively "
                    + "read horizon, reaches the message.")
    @ReadParameters.Consistent
    HttpResponse<Receipts> receipts(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String messageId, @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
            Authentication authentication) {
        return windows.read(conversationId, Caller.of(authentication), minSequence, minCursor, window -> {
            MessageQueries.HistoryItem message = messages.visibleMessage(conversationId, messageId, window);
            List<ConversationQueries.Participant> participants = seen.participants(conversationId, window.readable());
            List<String> deliveredTo = participants.stream()
                    .filter(p -> !p.userId().equals(message.author()))
                    .filter(p -> Math.max(p.lastDeliveredSequence(), p.lastReadSequence()) >= message.sequence())
                    .map(ConversationQueries.Participant::userId).toList();
            List<String> readBy = participants.stream()
                    .filter(p -> !p.userId().equals(message.author()) && p.lastReadSequence() >= message.sequence())
                    .map(ConversationQueries.Participant::userId).toList();
            return new Receipts(deliveredTo, readBy, deliveredTo.size(), readBy.size(), participants.size(),
                    window.range().to());
        });
    }

    @Get("/unread")
    @Tag(name = "Read state")
    @Operation(operationId = "getUnread", summary = "The caller's unread count",
            description = "Messages of others, not removed, above the caller's read horizon; exact at asOfSequence.")
    @ReadParameters.Consistent
    HttpResponse<Unread> unread(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
            String conversationId, @ReadParameters.MinSequence @QueryValue @Nullable @Min(0) Long minSequence,
            @ReadParameters.MinCursor @QueryValue @Nullable String minCursor, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return windows.read(conversationId, caller, minSequence, minCursor, window -> {
            long upTo = window.range().to();
            ConversationQueries.Participant participant = views.participant(conversationId, caller.userId())
                    .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
            long unread = seen.unreadCount(conversationId, caller.userId(), participant.lastReadSequence(), upTo,
                    window.readable(), window.mask());
            return new Unread(unread, participant.lastReadSequence(), upTo, upTo);
        });
    }

    @Serdeable
    @Schema(name = "Participants")
    record Participants(List<ConversationQueries.Participant> participants, long asOfSequence) {
    }

    @Serdeable
    @Schema(name = "Receipts")
    record Receipts(List<String> deliveredTo, List<String> readBy, int deliveredCount, int readCount,
                    int participantCount, long asOfSequence) {
    }

    @Serdeable
    @Schema(name = "Unread")
    record Unread(long unreadCount, long lastReadSequence, long lastSequence, long asOfSequence) {
    }
}
