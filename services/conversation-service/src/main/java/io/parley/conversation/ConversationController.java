package io.parley.conversation;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.http.Caller;
import io.parley.http.JsonText;
import io.parley.sync.ConversationLog;
import io.parley.sync.EventView;
import io.parley.sync.EventViews;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Creating conversations. */
@Controller("/v1/conversations")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationController {
    private final CommandGateway commands;
    private final ConversationLog log;
    private final EventViews views;
    private final JsonText json;

    ConversationController(CommandGateway commands, ConversationLog log, EventViews views, JsonText json) {
        this.commands = commands;
        this.log = log;
        this.views = views;
        this.json = json;
    }

    /** 201 with the new conversation; 200 with the existing one when the same creator repeats the id. */
    @Post
    HttpResponse<ConversationView> create(@Body @Valid CreateConversationRequest request, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        String conversationId = request.conversationId() != null ? request.conversationId() : UUID.randomUUID().toString();
        List<ParticipantSpec> participants = request.participants() == null ? List.of()
                : request.participants().stream()
                .map(p -> new ParticipantSpec(p.userId(), p.permissions() == null ? null : p.permissions().toPermissions()))
                .toList();
        ConversationCreation creation = commands.sendAndWait(new CreateConversation(conversationId, caller.userId(),
                request.title(), Boolean.TRUE.equals(request.direct()) ? ConversationKind.DIRECT : ConversationKind.GROUP,
                Boolean.TRUE.equals(request.publicJoin()), request.uniqueName(), json.write(request.customData()),
                request.historyVisibility() == null ? HistoryVisibility.SHARED
                        : HistoryVisibility.valueOf(request.historyVisibility().toUpperCase(Locale.ROOT)),
                participants));
        ConversationView view = view(conversationId, creation.lastSequence());
        return creation.created() ? HttpResponse.created(view) : HttpResponse.ok(view);
    }

    @SuppressWarnings("unchecked")
    private ConversationView view(String conversationId, long lastSequence) {
        EventView created = views.of(log.creation(conversationId));
        Map<String, Object> data = created.data();
        List<Map<String, Object>> participants = (List<Map<String, Object>>) data.get("participants");
        return new ConversationView(conversationId, (String) data.get("title"), (Boolean) data.get("direct"),
                (Boolean) data.get("publicJoin"), (String) data.get("uniqueName"), data.get("customData"),
                (String) data.get("historyVisibility"), created.occurredAt(), created.actor(), lastSequence,
                participants.size(), participants);
    }
}
