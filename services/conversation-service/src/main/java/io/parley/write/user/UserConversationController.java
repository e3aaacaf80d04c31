package io.parley.write.user;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
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
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.http.InputLimits;
import io.parley.user.command.ChangeConversationSettings;
import io.parley.user.command.ClearConversation;
import io.parley.user.command.DropConversation;
import io.parley.user.command.HideMessages;
import io.parley.user.model.HiddenMessage;
import io.parley.write.Commands;
import io.parley.write.WriteAccess;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;

import java.util.List;

/**
 * The caller's private choices about one conversation (MirrorFly's archive, mute, clear chat, delete for me and
 * recent chats; Twilio's notification level). Only the caller is affected; the conversation's shared log never
 * carries them. Any conversation the caller may read (or read until they left) can be the subject; any other is
 * {@code 404}.
 */
@CommandRole
@Controller("/v1/users/me/conversations/{conversationId}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Private state")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.ConditionalWrite
public class UserConversationController {
    private final Commands commands;
    private final WriteAccess access;
    private final InputLimits limits;

    UserConversationController(Commands commands, WriteAccess access, InputLimits limits) {
        this.commands = commands;
        this.access = access;
        this.limits = limits;
    }

    /** {@code archived}, {@code notificationLevel} ({@code default} or {@code muted}). */
    @Patch
    @Operation(operationId = "changeConversationSettings", summary = "Archive or mute a conversation for the caller",
            description = "archived, notificationLevel (default or muted); absent or null: unchanged.")
    @ProblemResponses.JsonBody
    UserWrite settings(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                       @Body @Valid ConversationSettingsRequest request,
                       @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                       Authentication authentication) {
        if (request.namesNothing()) {
            throw new BadRequest("a PATCH body names at least one of archived, notificationLevel");
        }
        Caller caller = Caller.of(authentication);
        access.lastReadableSequence(conversationId, caller);
        return UserWrite.of(caller.userId(), commands.send(new ChangeConversationSettings(caller.userId(),
                IfMatch.sequence(ifMatch), conversationId, request.archived(), request.notificationLevel())));
    }

    /**
     * Clears the history for the caller only: messages sent up to {@code upToSequence} (default: the last sequence
     * they may read) no longer show on any of their read paths, nor count as unread. Past that sequence: 400.
     */
    @Post("/clear")
    @Operation(operationId = "clearConversation", summary = "Clear the history for the caller only",
            description = "Messages up to upToSequence (default: the last the caller may read) no longer show on any "
                    + "of their read paths, nor count as unread. Past that sequence: 400. The body may be left out.")
    @ProblemResponses.JsonBody
    UserWrite clear(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                    @Body @Valid @Nullable ClearRequest request,
                    @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                    Authentication authentication) {
        Caller caller = Caller.of(authentication);
        long last = access.lastReadableSequence(conversationId, caller);
        Long asked = request == null ? null : request.upToSequence();
        if (asked != null && asked > last) {
            throw new BadRequest("upToSequence " + asked + " is past the last sequence you may read, " + last);
        }
        return UserWrite.of(caller.userId(), commands.send(new ClearConversation(caller.userId(),
                IfMatch.sequence(ifMatch), conversationId, asked == null ? last : asked)));
    }

    /** Drops the conversation from the caller's recent list until a message arrives after now. */
    @Delete
    @Operation(operationId = "dropConversation", summary = "Drop the conversation from the caller's inbox",
            description = "Until a message arrives after now.")
    UserWrite drop(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                   @IfMatch.Described @Nullable @Header("If-Match") String ifMatch, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        long last = access.lastReadableSequence(conversationId, caller);
        return UserWrite.of(caller.userId(), commands.send(new DropConversation(caller.userId(),
                IfMatch.sequence(ifMatch), conversationId, last)));
    }

    /** Deletes messages for the caller only ("delete for me"); each must be one they may read, else 404. */
    @Post("/hidden")
    @Operation(operationId = "hideMessages", summary = "Delete messages for the caller only",
            description = "1 to 100 messages; each must be one the caller may read, else 404.")
    @ProblemResponses.JsonBody
    UserWrite hide(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                   @Body @Valid HideRequest request, @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                   Authentication authentication) {
        limits.hiddenMessages(request.messageIds().size());
        Caller caller = Caller.of(authentication);
        List<HiddenMessage> messages = access.messagesReadableBy(conversationId,
                        request.messageIds().stream().distinct().toList(), caller).stream()
                .map(message -> new HiddenMessage(message.messageId(), message.sequence())).toList();
        return UserWrite.of(caller.userId(), commands.send(new HideMessages(caller.userId(),
                IfMatch.sequence(ifMatch), conversationId, messages)));
    }
}
