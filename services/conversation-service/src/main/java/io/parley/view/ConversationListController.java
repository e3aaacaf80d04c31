package io.parley.view;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.config.Limits;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Conversations by the handful: a batch by id, and the public ones page by page. */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConversationListController {
    private final ConversationViews views;
    private final Limits limits;

    ConversationListController(ConversationViews views, Limits limits) {
        this.views = views;
        this.limits = limits;
    }

    /** The ones the caller may see, in the order asked; the others are left out (not an error). */
    @Post("/v1/conversations:batchGet")
    Conversations batchGet(@Body @Valid BatchGetRequest request, Authentication authentication) {
        if (request.ids().size() > limits.getBatchGet()) {
            throw new BadRequest("batchGet takes at most " + limits.getBatchGet() + " ids, got " + request.ids().size());
        }
        Caller caller = Caller.of(authentication);
        List<ConversationViews.Conversation> visible = request.ids().stream().distinct()
                .filter(id -> views.windowOf(id, caller.userId(), caller.admin()).isPresent())
                .map(id -> views.conversation(id).orElseThrow())
                .toList();
        return new Conversations(visible, null);
    }

    /** Public conversations in a stable order; {@code cursor} continues where the last page ended. */
    @Get("/v1/conversations/public")
    Conversations publicConversations(@QueryValue @Nullable @Min(1) Integer pageSize, @QueryValue @Nullable String cursor) {
        int size = pageSize == null ? limits.getDefaultPageSize() : pageSize;
        if (size > limits.getMaxPageSize()) {
            throw new BadRequest("pageSize must be at most " + limits.getMaxPageSize() + ", got " + size);
        }
        List<ConversationViews.Conversation> page = views.publicConversations(after(cursor), size);
        String next = page.size() < size ? null : encode(page.get(page.size() - 1).id());
        return new Conversations(page, next);
    }

    private static String after(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return "";
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor is not one this server issued");
        }
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    @Serdeable
    record BatchGetRequest(@NotNull List<@Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> ids) {
    }

    @Serdeable
    record Conversations(List<ConversationViews.Conversation> conversations, String nextCursor) {
    }
}
