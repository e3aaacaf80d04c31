package io.parley.read.user;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Caller;
import io.parley.http.Ids;
import io.parley.http.InputLimits;
import io.parley.conversation.Rejection;
import io.parley.user.UserRejectedException;
import io.parley.read.visibility.SyncCursors;
import io.parley.read.visibility.ViewConsistency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.function.Supplier;

/**
 * Users (API.md, Users and private state): the caller's own profile ({@code /v1/users/me}, the only place that
 * shows {@code privateCustomData}), anyone's public profile and presence, and the caller's subscriptions. A user
 * the service never saw (no token use, no mention) is 404. Reads wait for the views to reach the caller's own
 * last write and {@code minCursor}.
 */
@CommandRole
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Users")
@ProblemResponses.Authenticated
public class UserReadController {
    private final UserQueries users;
    private final ViewConsistency consistency;
    private final InputLimits limits;

    UserReadController(UserQueries users, ViewConsistency consistency, InputLimits limits) {
        this.users = users;
        this.consistency = consistency;
        this.limits = limits;
    }

    @Get("/users/me")
    @Operation(operationId = "getOwnProfile", summary = "The caller's own profile",
            description = "With privateCustomData, the push settings and lastSequence (the If-Match of the caller's "
                    + "next write).")
    @ReadParameters.Consistent
    HttpResponse<UserQueries.OwnProfile> me(@ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                            Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return consistent(userId, minCursor, () -> users.ownProfile(userId));
    }

    @Get("/users/{userId}")
    @Operation(operationId = "getUser", summary = "A user's public profile and presence",
            description = "404 for a user the service never saw (no token use, no mention).")
    @ReadParameters.Consistent
    @ProblemResponses.NotFound
    HttpResponse<UserQueries.PublicProfile> user(@PathVariable @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
                                                 String userId,
                                                 @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                                 Authentication authentication) {
        String caller = Caller.of(authentication).userId();
        return consistent(caller, minCursor, () -> users.profile(userId)
                .or(() -> afterOwnWrites(caller, () -> users.profile(userId)))
                .orElseThrow(() -> new UserRejectedException(Rejection.NOT_FOUND, "user " + userId + " not found")));
    }

    /** The users among {@code userIds} (at most 50) the service has seen; the others are left out. */
    @Post("/users:batchGet")
    @Operation(operationId = "batchGetUsers", summary = "Users by id",
            description = "At most 50; the users the service has seen, the others left out.")
    @ReadParameters.Consistent
    @ProblemResponses.JsonBody
    HttpResponse<Users> batchGet(@Body @Valid BatchGetRequest request,
                                 @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                 Authentication authentication) {
        limits.usersBatch("users:batchGet", request.userIds().size());
        String caller = Caller.of(authentication).userId();
        return consistent(caller, minCursor, () -> {
            List<UserQueries.PublicProfile> found = users.profiles(request.userIds());
            return new Users(found.size() < request.userIds().stream().distinct().count()
                    ? afterOwnWrites(caller, () -> users.profiles(request.userIds())) : found);
        });
    }

    @Get("/users/me/subscriptions")
    @Operation(operationId = "listSubscriptions", summary = "The users the caller subscribed to")
    @ReadParameters.Consistent
    HttpResponse<Subscriptions> subscriptions(@ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                              Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return consistent(userId, minCursor, () -> new Subscriptions(users.subscriptions(userId)));
    }

    /**
     * Asked again once the views reached the caller's recent conversation writes: a user they just mentioned
     * (created a conversation with, added) is known from then on (read-your-writes).
     */
    private <T> T afterOwnWrites(String caller, Supplier<T> query) {
        consistency.awaitUser(caller, null, ViewConsistency.deadline());
        return query.get();
    }

    private <T> HttpResponse<T> consistent(String userId, String minCursor, Supplier<T> body) {
        boolean reached = consistency.awaitCursor(userId, SyncCursors.syncPosition(minCursor),
                ViewConsistency.deadline());
        T answer = body.get();
        return reached ? HttpResponse.ok(answer) : HttpResponse.ok(answer).header(ViewConsistency.HEADER,
                ViewConsistency.PENDING);
    }

    @Serdeable
    @Schema(name = "UserBatchGetRequest")
    record BatchGetRequest(@NotNull List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> userIds) {
    }

    @Serdeable
    @Schema(name = "Users")
    record Users(List<UserQueries.PublicProfile> users) {
    }

    @Serdeable
    @Schema(name = "Subscriptions")
    record Subscriptions(List<String> userIds) {
    }
}
