package io.parley.message;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.http.JsonText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Instant;
import java.util.List;

/** Sending messages. */
@Controller("/v1/conversations/{conversationId}/messages")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class MessageController {
    private final CommandGateway commands;
    private final JsonText json;

    MessageController(CommandGateway commands, JsonText json) {
        this.commands = commands;
        this.json = json;
    }

    /** 201 with the message's sequence; a retry with the same messageId answers the same. */
    @Post
    HttpResponse<SentMessage> send(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                                   @Body @Valid SendMessageRequest request, Authentication authentication) {
        List<Media> media = request.media() == null ? List.of() : request.media().stream()
                .map(m -> new Media(m.type(), m.url(), m.fileName(), m.size(), m.mimeType(), m.durationMs(),
                        m.thumbnailUrl(), m.caption()))
                .toList();
        MessageRef forwardedFrom = request.forwardedFrom() == null ? null
                : new MessageRef(request.forwardedFrom().conversationId(), request.forwardedFrom().messageId());
        MessageAccepted accepted = commands.sendAndWait(new SendMessage(conversationId, Caller.of(authentication).userId(),
                request.messageId(), request.text(), json.write(request.payload()), json.write(request.attributes()),
                media, request.replyTo(), request.mentions(), forwardedFrom));
        return HttpResponse.created(new SentMessage(accepted.messageId(), accepted.sequence(), accepted.sentAt()));
    }

    @Serdeable
    record SentMessage(String messageId, long sequence, Instant sentAt) {
    }
}
