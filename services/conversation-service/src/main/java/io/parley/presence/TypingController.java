package io.parley.presence;

import io.parley.config.CommandRole;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.parley.conversation.ConversationRejectedException;
import io.parley.http.Caller;
import io.parley.http.Ids;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** {@code POST /v1/conversations/{id}/typing}: the caller is typing (see {@link TypingSignals}); 202, nothing stored. */
@CommandRole
@Controller("/v1/conversations/{conversationId}/typing")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Live stream")
@ProblemResponses.Authenticated
public class TypingController {
    private final TypingSignals typing;

    TypingController(TypingSignals typing) {
        this.typing = typing;
    }

    /** 202 Accepted; 404 for anyone who is no active participant. */
    @Post
    @Operation(operationId = "announceTyping", summary = "The caller is typing",
            description = "Published to the other participants' stream sessions; never stored. At most one per user "
                    + "and conversation every 2 s passes.")
    @ApiResponse(responseCode = "202", description = "Accepted")
    @ProblemResponses.NotFound
    HttpResponse<?> typing(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                           Authentication authentication) {
        if (!typing.announce(conversationId, Caller.of(authentication))) {
            throw ConversationRejectedException.notFound(conversationId);
        }
        return HttpResponse.accepted();
    }
}
