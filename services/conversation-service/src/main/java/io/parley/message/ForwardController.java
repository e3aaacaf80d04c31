package io.parley.message;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.ConversationAccess;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.model.MessageRef;
import io.parley.http.Caller;
import io.parley.http.Commands;
import jakarta.validation.Valid;

import java.util.ArrayList;
import java.util.List;

/**
 * Forwarding: each message of the source becomes a new message in each target, with {@code forwardedFrom}
 * naming the original. The caller must be able to read the source and write in every target.
 */
@Controller("/v1/messages:forward")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ForwardController {
    private final Commands commands;
    private final ConversationAccess access;

    ForwardController(Commands commands, ConversationAccess access) {
        this.commands = commands;
        this.access = access;
    }

    /**
     * 201 with the new messages, target by target. The forwarded copies get deterministic ids, so a
     * retried forward appends nothing new.
     */
    @Post
    HttpResponse<Forwarded> forward(@Body @Valid ForwardRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        String source = request.from().conversationId();
        List<MessageSent> originals = request.from().messageIds().stream()
                .map(messageId -> access.messageReadableBy(source, messageId, caller))
                .toList();
        List<MessageController.SentMessage> sent = new ArrayList<>();
        for (String target : request.to()) {
            for (MessageSent original : originals) {
                String copyId = "fwd-" + source + "-" + original.messageId();
                sent.add(MessageController.SentMessage.of(target, commands.send(new SendMessage(target,
                        caller.actor(), null, copyId.length() <= 128 ? copyId : null, original.text(),
                        original.payload(), original.attributes(), original.media(), null, List.of(),
                        new MessageRef(source, original.messageId())))));
            }
        }
        return HttpResponse.created(new Forwarded(sent));
    }

    @Serdeable
    record Forwarded(List<MessageController.SentMessage> messages) {
    }
}
