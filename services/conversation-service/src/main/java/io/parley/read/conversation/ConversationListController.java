package io.parley.read.conversation;

import io.parley.config.CommandRole;
import io.parley.read.visibility.ViewConsistency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.read.visibility.ReadWindows;
import io.parley.http.Caller;
import io.parley.http.InputLimits;
import io.parley.read.visibility.SyncCursors;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Conversations by the handful: a batch by id, and the public ones page by page. */
@CommandRole
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Conversations")
@ProblemResponses.Authenticated
public class ConversationListController {
    private final ConversationQueries views;
    private final InputLimits limits;
    private final ReadWindows windows;
    private final ViewConsistency consistency;
    private final CallerViews seen;

    ConversationListController(ConversationQueries views, InputLimits limits, ReadWindows windows,
                               ViewConsistency consistency, CallerViews seen) {
        this.views = views;
        this.limits = limits;
        this.windows = windows;
        this.consistency = consistency;
        this.seen = seen;
    }

    /**
     * The ones the caller may see, in the order asked; the others are left out (not an error). Each is read
     * once the views reach what the event store holds of it (and {@code minCursor}), or 2 s have passed.
     */
    @Post("/v1/conversations:batchGet")
    @Operation(operationId = "batchGetConversations", summary = "Conversations by id",
            description = "At most 30 ids (parley.limits.batch-get). The ones the caller may see, in the order asked; "
                    + "the others are left out, not an error. nextCursor is always null.")
    @ReadParameters.Consistent
    @ProblemResponses.JsonBody
    HttpResponse<Conversations> batchGet(@Body @Valid BatchGetRequest request,
                                         @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                         Authentication authentication) {
        limits.batchGet(request.ids().size());
        Caller caller = Caller.of(authentication);
        long deadline = ViewConsistency.deadline();
        boolean reached = consistency.awaitCursor(caller.userId(), SyncCursors.syncPosition(minCursor), deadline);
        List<ConversationQueries.Conversation> visible = new ArrayList<>();
        for (String id : request.ids().stream().distinct().toList()) {
            Optional<ReadWindows.Answer<Optional<ConversationQueries.Conversation>>> answer = windows.readIfReadable(id,
                    caller, deadline, window -> seen.conversation(id, window.readable(), window.mask()));
            if (answer.isPresent()) {
                reached &= answer.get().reached();
                answer.get().body().ifPresent(visible::add);
            }
        }
        Conversations answer = new Conversations(visible, null);
        return reached ? HttpResponse.ok(answer)
                : HttpResponse.ok(answer).header(ViewConsistency.HEADER, ViewConsistency.PENDING);
    }

    /** Public conversations in a stable order; {@code cursor} continues where the last page ended. */
    @Get("/v1/conversations/public")
    @Operation(operationId = "listPublicConversations", summary = "Public conversations, page by page",
            description = "Public, not deleted conversations in id order.")
    Conversations publicConversations(@ReadParameters.PageSize @QueryValue @Nullable @Min(1) Integer pageSize,
                                      @ReadParameters.Cursor @QueryValue @Nullable String cursor) {
        int size = limits.pageSize(pageSize);
        List<ConversationQueries.Conversation> page = views.publicConversations(cursor == null || cursor.isBlank() ? "" : SyncCursors.decode(cursor, "p"), size);
        String next = page.size() < size ? null : SyncCursors.encode("p", page.get(page.size() - 1).id());
        return new Conversations(page, next);
    }

    @Serdeable
    @Schema(name = "ConversationBatchGetRequest")
    record BatchGetRequest(@NotNull List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> ids) {
    }

    @Serdeable
    @Schema(name = "ConversationPage")
    record Conversations(List<ConversationQueries.Conversation> conversations,
                         @Nullable @Schema(requiredMode = REQUIRED) String nextCursor) {
    }
}
