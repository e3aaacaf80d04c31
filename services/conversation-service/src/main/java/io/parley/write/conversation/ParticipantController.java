package io.parley.write.conversation;

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
import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.write.Commands;
import io.parley.write.ConversationWrite;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.http.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;

/** Adding and removing participants, and changing their permissions. */
@CommandRole
@Controller("/v1/conversations/{conversationId}/participants")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Participants")
@ProblemResponses.Authenticated
@ProblemResponses.NotFound
@ProblemResponses.Forbidden
@ProblemResponses.Conflict
@ProblemResponses.ConditionalWrite
public class ParticipantController {
    private final Commands commands;
    private final InputLimits limits;

    ParticipantController(Commands commands, InputLimits limits) {
        this.commands = commands;
        this.limits = limits;
    }

    @Post
    @Operation(operationId = "addParticipants", summary = "Add participants",
            description = "`permissions` as GET .../participants shows them; a flag left out takes its default. "
                    + "Needs canManageParticipants; only an owner grants owner.")
    @ProblemResponses.JsonBody
    ConversationWrite add(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                          @Body @Valid ParticipantsRequest request,
                          @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                          Authentication authentication) {
        limits.participants(request.participants().size());
        return ConversationWrite.of(conversationId, commands.send(new AddParticipants(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch),
                request.participants().stream().map(CreateConversationRequest.ParticipantRequest::toSpec).toList())));
    }

    /** Changes the flags the body names; the others keep their value. */
    @Patch("/{userId}")
    @Operation(operationId = "changePermissions", summary = "Change a participant's permissions",
            description = "Merged like JSON Merge Patch: flags left out keep their value; a body with no known flag is "
                    + "400. Nobody grants a flag they do not hold or raises their own; only an owner grants owner.")
    @ProblemResponses.JsonBody
    ConversationWrite change(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                             @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                             @Body @Valid ParticipantPatchRequest request,
                             @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                             Authentication authentication) {
        if (request.namesNothing()) {
            throw new BadRequest("a PATCH body is {\"permissions\":{...}} with at least one of canWrite, canEdit, "
                    + "canRemove, canManageParticipants, canEditAll, canRemoveAll, owner");
        }
        return ConversationWrite.of(conversationId, commands.send(new ChangePermissions(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), userId, request.permissions().toChanges())));
    }

    @Delete("/{userId}")
    @Operation(operationId = "removeParticipant", summary = "Remove a participant",
            description = "Needs canManageParticipants. The removed user sees the conversation as it was at the "
                    + "removal.")
    ConversationWrite remove(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                             @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                             @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                             Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new RemoveParticipant(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), userId)));
    }
}
