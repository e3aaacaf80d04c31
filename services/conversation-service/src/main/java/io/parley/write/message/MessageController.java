package io.parley.write.message;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.write.WriteAccess;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import io.parley.http.Caller;
import io.parley.write.Commands;
import io.parley.write.ConversationWrite;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.http.InputLimits;
import io.parley.http.JsonText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Sending, editing and removing messages. */
@CommandRole
@Controller("/v1/conversations/{conversationId}/messages")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Messages")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.Forbidden
@ProblemResponses.Conflict
@ProblemResponses.ConditionalWrite
public class MessageController {
    private final Commands commands;
    private final JsonText json;
    private final InputLimits limits;
    private final WriteAccess access;

    MessageController(Commands commands, JsonText json, InputLimits limits, WriteAccess access) {
        this.commands = commands;
        this.json = json;
        this.limits = limits;
        this.access = access;
    }

    /** 201 with the message's sequence; a retry with the same messageId answers the same. */
    @Post
    @Operation(operationId = "sendMessage", summary = "Send a message",
            description = "At least one of text, payload, media. Needs canWrite. A retry with the same messageId "
                    + "answers the original 201 (same sequence) and stores nothing, whatever the If-Match.")
    @ApiResponse(responseCode = "201", description = "Sent: the message's sequence", useReturnTypeSchema = true)
    @ProblemResponses.JsonBody
    HttpResponse<SentMessage> send(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                                   @Body @Valid SendMessageRequest request,
                                   @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                                   Authentication authentication) {
        Caller caller = Caller.of(authentication);
        limits.text(request.text());
        // an empty payload is no payload: it does not make a message
        String payload = request.payload() == null || request.payload().isEmpty() ? null : json.write(request.payload());
        String attributes = json.write(request.attributes());
        limits.payloadAndAttributes(payload, attributes);
        List<Media> media = request.media() == null ? List.of() : request.media().stream()
                .map(m -> new Media(m.type(), m.url(), m.fileName(), m.size(), m.mimeType(), m.durationMs(),
                        m.thumbnailUrl(), m.caption()))
                .toList();
        MessageRef forwardedFrom = null;
        if (request.forwardedFrom() != null) {
            forwardedFrom = new MessageRef(request.forwardedFrom().conversationId(), request.forwardedFrom().messageId());
            // only what the caller may read can be named as the original
            access.requireMessageReadableBy(forwardedFrom.conversationId(), forwardedFrom.messageId(), caller);
        }
        MessageAccepted accepted = commands.send(new SendMessage(conversationId, caller.actor(),
                IfMatch.sequence(ifMatch), request.messageId(), request.text(), payload, attributes, media,
                request.replyTo(), request.mentions(), forwardedFrom));
        return HttpResponse.created(SentMessage.of(conversationId, accepted));
    }

    @Patch("/{messageId}")
    @Operation(operationId = "editMessage", summary = "Edit a message's text, payload or attributes",
            description = "Absent or null: unchanged; `text: \"\"`, `payload: []`, `attributes: {}` remove the value. "
                    + "The author with canEdit, or canEditAll. A removed message is 409.")
    @ProblemResponses.JsonBody
    ConversationWrite edit(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                           @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
                           @Body @Valid EditMessageRequest request,
                           @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                           Authentication authentication) {
        List<String> clear = new ArrayList<>();
        String text = request.text();
        if ("".equals(text)) {
            clear.add("text");
            text = null;
        }
        limits.text(text);
        String payload = null;
        if (request.payload() != null && request.payload().isEmpty()) {
            clear.add("payload");
        } else {
            payload = json.write(request.payload());
        }
        String attributes = null;
        if (request.attributes() != null && request.attributes().isEmpty()) {
            clear.add("attributes");
        } else {
            attributes = json.write(request.attributes());
        }
        limits.payloadAndAttributes(payload, attributes);
        return ConversationWrite.of(conversationId, commands.send(new EditMessage(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), messageId, text, payload, attributes,
                clear)));
    }

    @Delete("/{messageId}")
    @Operation(operationId = "removeMessage", summary = "Remove a message for everyone",
            description = "The author with canRemove, or canRemoveAll. A tombstone stays; no read path gives the "
                    + "content back (see Redaction in docs/api.md).")
    ConversationWrite remove(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                             @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
                             @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                             Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new RemoveMessage(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), messageId)));
    }

    @Serdeable
    @Schema(name = "SentMessage")
    public record SentMessage(String conversationId, String messageId, long sequence, Instant sentAt) {
        static SentMessage of(String conversationId, MessageAccepted accepted) {
            return new SentMessage(conversationId, accepted.messageId(), accepted.sequence(), accepted.sentAt());
        }
    }
}
