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

/** {@code POST /v1/conversations/{id}/typing}: the caller is typing (see {@link TypingSignals}); 202, nothing stored. */
@CommandRole
@Controller("/v1/conversations/{conversationId}/typing")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class TypingController {
    private final TypingSignals typing;

    TypingController(TypingSignals typing) {
        this.typing = typing;
    }

    /** 202 Accepted; 404 for anyone who is no active participant. */
    @Post
    HttpResponse<?> typing(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                           Authentication authentication) {
        if (!typing.announce(conversationId, Caller.of(authentication))) {
            throw ConversationRejectedException.notFound(conversationId);
        }
        return HttpResponse.accepted();
    }
}
