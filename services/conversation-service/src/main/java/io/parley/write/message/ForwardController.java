package io.parley.write.message;

import io.parley.config.CommandRole;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.write.WriteAccess;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.model.MessageRef;
import io.parley.http.Caller;
import io.parley.write.Commands;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Forwarding: each message of the source becomes a new message in each target, with {@code forwardedFrom}
 * naming the original. The caller must be able to read the source and write in every target.
 */
@CommandRole
@Controller("/v1/messages:forward")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Messages")
@ProblemResponses.Authenticated
public class ForwardController {
    private final Commands commands;
    private final WriteAccess access;

    ForwardController(Commands commands, WriteAccess access) {
        this.commands = commands;
        this.access = access;
    }

    /**
     * 201 with the new messages, target by target. The forwarded copies get ids derived from forwarder,
     * source and message, so a retried forward appends nothing new. Copies carry the message as it is
     * now, edits applied.
     */
    @Post
    @Operation(operationId = "forwardMessages", summary = "Forward messages to other conversations",
            description = "Each message becomes a new message in each target, with forwardedFrom, carrying the "
                    + "original as it is now (edits applied). The caller must read the source and write in every "
                    + "target; a removed message is 409. A retried forward appends nothing new.")
    @ApiResponse(responseCode = "201", description = "The new messages, target by target", useReturnTypeSchema = true)
    @ProblemResponses.JsonBody
    @ProblemResponses.NotFound
    @ProblemResponses.Forbidden
    @ProblemResponses.Conflict
    HttpResponse<Forwarded> forward(@Body @Valid ForwardRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        String source = request.from().conversationId();
        List<MessageSent> originals = request.from().messageIds().stream()
                .map(messageId -> access.messageReadableBy(source, messageId, caller))
                .toList();
        // refuse before writing anything: a forward that fails for one target changes no other
        request.to().forEach(target -> access.requireWritableBy(target, caller));
        List<MessageController.SentMessage> sent = new ArrayList<>();
        for (String target : request.to()) {
            for (MessageSent original : originals) {
                sent.add(MessageController.SentMessage.of(target, commands.send(new SendMessage(target,
                        caller.actor(), null, copyId(caller, source, original.messageId()), original.text(),
                        original.payload(), original.attributes(), original.media(), null, List.of(),
                        new MessageRef(source, original.messageId())))));
            }
        }
        return HttpResponse.created(new Forwarded(sent));
    }

    /** The same forwarder forwarding the same message again gets the same copy id, and so no second copy. */
    private static String copyId(Caller caller, String source, String messageId) {
        String name = caller.userId() + "\n" + source + "\n" + messageId;
        return "fwd-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    @Serdeable
    @Schema(name = "Forwarded")
    record Forwarded(List<MessageController.SentMessage> messages) {
    }
}
