package io.parley.write.user;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.http.IfMatch;
import io.parley.user.command.AddFavourite;
import io.parley.user.command.ClearFavourites;
import io.parley.user.command.RemoveFavourite;
import io.parley.write.Commands;
import io.parley.write.WriteAccess;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;

/**
 * The caller's favourite messages (MirrorFly's favourites). A message becomes a favourite only if the caller may
 * read it, did not clear or delete it for themselves (404) and it was not removed (409); up to 1,000 per user
 * (configurable). Clearing the conversation past it or deleting it for oneself removes the favourite.
 */
@CommandRole
@Controller("/v1/users/me/favourites")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Private state")
@ProblemResponses.Authenticated
@ProblemResponses.ConditionalWrite
public class FavouriteController {
    private final Commands commands;
    private final WriteAccess access;

    FavouriteController(Commands commands, WriteAccess access) {
        this.commands = commands;
        this.access = access;
    }

    @Put("/{conversationId}/{messageId}")
    @Operation(operationId = "addFavourite", summary = "Make a message a favourite",
            description = "A message the caller may read and did not clear or delete for themselves (else 404), not "
                    + "removed (else 409); up to 1,000 per user.")
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    UserWrite add(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                  @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
                  @IfMatch.Described @Nullable @Header("If-Match") String ifMatch, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        long sentAt = access.requireMessageReadableBy(conversationId, messageId, caller).sequence();
        return UserWrite.of(caller.userId(), commands.send(new AddFavourite(caller.userId(), IfMatch.sequence(ifMatch),
                conversationId, messageId, sentAt)));
    }

    @Delete("/{conversationId}/{messageId}")
    @Operation(operationId = "removeFavourite", summary = "Remove a favourite")
    UserWrite remove(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String conversationId,
                     @PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
                     @IfMatch.Described @Nullable @Header("If-Match") String ifMatch, Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return UserWrite.of(userId, commands.send(new RemoveFavourite(userId, IfMatch.sequence(ifMatch),
                conversationId, messageId)));
    }

    @Delete
    @Operation(operationId = "clearFavourites", summary = "Remove all the caller's favourites")
    UserWrite clear(@IfMatch.Described @Nullable @Header("If-Match") String ifMatch, Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return UserWrite.of(userId, commands.send(new ClearFavourites(userId, IfMatch.sequence(ifMatch))));
    }
}
