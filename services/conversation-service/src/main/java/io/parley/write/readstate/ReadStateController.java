package io.parley.write.readstate;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.http.Caller;
import io.parley.write.Commands;
import io.parley.write.PrivateIndex;
import io.parley.write.ConversationWrite;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.eventlog.ConversationLog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Schema;

/** The caller's read and delivered horizons in a conversation. */
@CommandRole
@Controller("/v1/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Read state")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.Conflict
@ProblemResponses.ConditionalWrite
public class ReadStateController {
    private final Commands commands;
    private final ConversationLog log;
    private final PrivateIndex privateIndex;

    ReadStateController(Commands commands, ConversationLog log, PrivateIndex privateIndex) {
        this.privateIndex = privateIndex;
        this.commands = commands;
        this.log = log;
    }

    /** Advance the read horizon; a sequence not above it changes nothing. */
    @Post("/read")
    @Operation(operationId = "advanceReadHorizon", summary = "Advance the caller's read horizon",
            description = "A sequence not above the horizon changes nothing (appended: false).")
    @ProblemResponses.JsonBody
    ReadState advance(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                      @Body @Valid SequenceRequest request,
                      @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                      Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return readState(conversationId, caller, commands.send(new AdvanceReadHorizon(conversationId, caller.actor(),
                IfMatch.sequence(ifMatch), request.sequence())));
    }

    /** Set the read horizon, also backwards ({@code 0}: everything unread). */
    @Put("/read")
    @Operation(operationId = "setReadHorizon", summary = "Set the caller's read horizon, also backwards",
            description = "`0`: everything unread.")
    @ProblemResponses.JsonBody
    ReadState set(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                  @Body @Valid SequenceRequest request, @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                  Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return readState(conversationId, caller, commands.send(new SetReadHorizon(conversationId, caller.actor(),
                IfMatch.sequence(ifMatch), request.sequence())));
    }

    @Post("/read:all")
    @Operation(operationId = "markAllRead", summary = "Set the caller's read horizon to the last sequence")
    ReadState readAll(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                      @IfMatch.Described @Nullable @Header("If-Match") String ifMatch, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return readState(conversationId, caller, commands.send(new MarkAllRead(conversationId, caller.actor(),
                IfMatch.sequence(ifMatch))));
    }

    @Post("/delivered")
    @Operation(operationId = "advanceDeliveredHorizon", summary = "Advance the caller's delivered horizon")
    @ProblemResponses.JsonBody
    ConversationWrite delivered(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                                @Body @Valid SequenceRequest request,
                                @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                                Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new AdvanceDeliveredHorizon(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), request.sequence())));
    }

    /** The unread count leaves out what the caller cleared or deleted for themselves. */
    private ReadState readState(String conversationId, Caller caller, ReadHorizon horizon) {
        PrivateIndex.Excluded excluded = privateIndex.excluded(caller.userId(), conversationId, horizon.unreadAbove());
        long unread = log.unreadCount(conversationId, caller.userId(),
                Math.max(horizon.unreadAbove(), excluded.clearedUpTo()), horizon.lastSequence(), excluded.hiddenAbove());
        return new ReadState(horizon.lastReadSequence(), unread, horizon.lastSequence(), horizon.lastSequence());
    }

    @Serdeable
    @Schema(name = "SequenceRequest")
    record SequenceRequest(@NotNull @Min(0) Long sequence) {
    }

    /** {@code unreadCount} is exact at {@code asOfSequence}. */
    @Serdeable
    @Schema(name = "ReadState")
    record ReadState(long lastReadSequence, long unreadCount, long lastSequence, long asOfSequence) {
    }
}
