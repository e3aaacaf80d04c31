package io.parley.write.conversation;

import io.parley.config.CommandRole;
import io.parley.write.CommandSideIndex;
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
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.DeleteConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.JoinConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.write.Commands;
import io.parley.write.ConversationWrite;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.http.InputLimits;
import io.parley.http.JsonText;
import io.parley.http.ProblemResponses;
import io.parley.eventlog.ConversationLog;
import io.parley.eventlog.EventView;
import io.parley.eventlog.EventViews;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Creating, editing, deleting, joining and leaving conversations. */
@CommandRole
@Controller("/v1/conversations")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Conversations")
@ProblemResponses.Authenticated
public class ConversationController {
    private final Commands commands;
    private final ConversationLog log;
    private final EventViews views;
    private final JsonText json;
    private final InputLimits limits;
    private final CommandSideIndex index;

    ConversationController(Commands commands, ConversationLog log, EventViews views, JsonText json,
                           InputLimits limits, CommandSideIndex index) {
        this.commands = commands;
        this.log = log;
        this.views = views;
        this.json = json;
        this.limits = limits;
        this.index = index;
    }

    /**
     * 201 with the new conversation; 200 with the existing one when the same creator repeats the id, or
     * when the two users of a direct conversation already have one.
     */
    @Post
    @Operation(operationId = "createConversation", summary = "Create a conversation",
            description = "The creator is its owner. Repeating the call with the same conversationId returns the same "
                    + "conversation (200); so does a second direct conversation for the same pair.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The existing one: the same creator repeated the "
            + "conversationId, or the two users of a direct conversation already have one", useReturnTypeSchema = true)
    @ProblemResponses.JsonBody
    @ProblemResponses.Conflict
    HttpResponse<ConversationView> create(@Body @Valid CreateConversationRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        List<ParticipantSpec> participants = request.participants() == null ? List.of()
                : request.participants().stream().map(CreateConversationRequest.ParticipantRequest::toSpec).toList();
        limits.title(request.title());
        limits.uniqueName(request.uniqueName());
        limits.participants(participants.size() + (caller.admin() ? 0 : 1));
        String customData = json.write(request.customData());
        limits.customData(customData);
        boolean direct = Boolean.TRUE.equals(request.direct());
        Optional<String> existingDirect = direct ? existingDirect(caller, participants) : Optional.empty();
        if (existingDirect.isPresent()) {
            return HttpResponse.ok(view(existingDirect.get()));
        }
        String conversationId = request.conversationId() != null ? request.conversationId() : UUID.randomUUID().toString();
        CreateConversation command = new CreateConversation(conversationId, caller.actor(), request.title(),
                direct ? ConversationKind.DIRECT : ConversationKind.GROUP, Boolean.TRUE.equals(request.publicJoin()),
                request.uniqueName(), customData,
                request.historyVisibility() == null ? HistoryVisibility.SHARED
                        : HistoryVisibility.valueOf(request.historyVisibility().toUpperCase(Locale.ROOT)),
                participants);
        try {
            ConversationCreation creation = commands.send(command);
            ConversationView view = view(conversationId);
            return creation.created() ? HttpResponse.created(view) : HttpResponse.ok(view);
        } catch (CommandSideIndex.DirectPairTaken raced) {
            // a concurrent create for the same pair won: answer with that conversation
            return HttpResponse.ok(view(existingDirect(caller, participants).orElseThrow(() -> raced)));
        }
    }

    private Optional<String> existingDirect(Caller caller, List<ParticipantSpec> participants) {
        List<String> users = new ArrayList<>();
        if (!caller.admin()) {
            users.add(caller.userId());
        }
        participants.stream().map(ParticipantSpec::userId).filter(u -> !users.contains(u)).forEach(users::add);
        return users.size() == 2 ? index.directConversationOf(users.get(0), users.get(1)) : Optional.empty();
    }

    @Patch("/{conversationId}")
    @Operation(operationId = "editConversation", summary = "Edit title, customData, uniqueName, publicJoin",
            description = "Absent or null: unchanged; `title: \"\"`, `uniqueName: \"\"` and `customData: {}` remove "
                    + "the value. Needs canManageParticipants or owner.")
    @ProblemResponses.JsonBody
    @ProblemResponses.Forbidden
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.ConditionalWrite
    ConversationWrite edit(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                           @Body @Valid EditConversationRequest request,
                           @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                           Authentication authentication) {
        if (request.namesNothing()) {
            throw new BadRequest("a PATCH body names at least one of title, customData, uniqueName, publicJoin");
        }
        List<String> clear = new ArrayList<>();
        String title = request.title();
        if ("".equals(title)) {
            clear.add("title");
            title = null;
        }
        limits.title(title);
        String uniqueName = request.uniqueName();
        if ("".equals(uniqueName)) {
            clear.add("uniqueName");
            uniqueName = null;
        }
        limits.uniqueName(uniqueName);
        String customData = null;
        if (request.customData() != null && request.customData().isEmpty()) {
            clear.add("customData");
        } else {
            customData = json.write(request.customData());
            limits.customData(customData);
        }
        return ConversationWrite.of(conversationId, commands.send(new EditConversation(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch), title, customData, uniqueName,
                request.publicJoin(), clear)));
    }

    @Delete("/{conversationId}")
    @Operation(operationId = "deleteConversation", summary = "Delete (close) the conversation",
            description = "Owner or admin. A final event; the history stays in the log.")
    @ProblemResponses.Forbidden
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.ConditionalWrite
    ConversationWrite delete(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                             @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                             Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new DeleteConversation(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch))));
    }

    @Post("/{conversationId}/join")
    @Operation(operationId = "joinConversation", summary = "Join a public, non-direct conversation")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.ConditionalWrite
    ConversationWrite join(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                           @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                           Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new JoinConversation(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch))));
    }

    @Post("/{conversationId}/leave")
    @Operation(operationId = "leaveConversation", summary = "Leave a non-direct conversation",
            description = "From then on the caller sees the conversation as it was at their leave, on every path.")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    @ProblemResponses.ConditionalWrite
    ConversationWrite leave(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                            @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                            Authentication authentication) {
        return ConversationWrite.of(conversationId, commands.send(new LeaveConversation(conversationId,
                Caller.of(authentication).actor(), IfMatch.sequence(ifMatch))));
    }

    @SuppressWarnings("unchecked")
    private ConversationView view(String conversationId) {
        EventView created = views.of(log.creation(conversationId));
        Map<String, Object> data = created.data();
        List<Map<String, Object>> participants = (List<Map<String, Object>>) data.get("participants");
        return new ConversationView(conversationId, (String) data.get("title"), (Boolean) data.get("direct"),
                (Boolean) data.get("publicJoin"), (String) data.get("uniqueName"), data.get("customData"),
                (String) data.get("historyVisibility"), created.occurredAt(), created.actor(),
                log.lastSequence(conversationId), participants.size(), participants);
    }
}
