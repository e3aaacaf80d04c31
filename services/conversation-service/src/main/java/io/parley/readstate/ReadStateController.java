package io.parley.readstate;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ReadHorizon;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.sync.ConversationLog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

/** The caller's read horizon in a conversation. */
@Controller("/v1/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ReadStateController {
    private final CommandGateway commands;
    private final ConversationLog log;

    ReadStateController(CommandGateway commands, ConversationLog log) {
        this.commands = commands;
        this.log = log;
    }

    /** Advance the read horizon; a sequence not above it changes nothing. */
    @Post("/read")
    ReadState advance(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                      @Body @Valid ReadRequest request, Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        ReadHorizon horizon = commands.sendAndWait(new AdvanceReadHorizon(conversationId, userId, request.sequence()));
        long unread = log.unreadCount(conversationId, userId, horizon.lastReadSequence(), horizon.lastSequence());
        return new ReadState(horizon.lastReadSequence(), unread, horizon.lastSequence(), horizon.lastSequence());
    }

    @Serdeable
    record ReadRequest(@NotNull @Min(0) Long sequence) {
    }

    /** {@code unreadCount} is exact at {@code asOfSequence}. */
    @Serdeable
    record ReadState(long lastReadSequence, long unreadCount, long lastSequence, long asOfSequence) {
    }
}
