package io.parley.write.user;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.parley.http.BadRequest;
import io.parley.http.Caller;
import io.parley.http.IfMatch;
import io.parley.http.InputLimits;
import io.parley.http.JsonText;
import io.parley.user.command.SetPushEvents;
import io.parley.user.command.Subscribe;
import io.parley.user.command.Unsubscribe;
import io.parley.user.command.UnsubscribeAll;
import io.parley.user.command.UpdateProfile;
import io.parley.write.Commands;
import jakarta.validation.Valid;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;

import java.util.ArrayList;
import java.util.List;

/**
 * The caller's profile, subscriptions and push settings (API.md, Users and private state; Voximplant's
 * {@code editUser}, {@code subscribe}/{@code unsubscribe}, {@code managePushNotifications}). Every write is one of the
 * caller's own events and accepts {@code If-Match: <their last user sequence>}.
 */
@CommandRole
@Controller("/v1/users/me")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Users")
@ProblemResponses.Authenticated
@ProblemResponses.ConditionalWrite
public class ProfileController {
    private final Commands commands;
    private final InputLimits limits;
    private final JsonText json;

    ProfileController(Commands commands, InputLimits limits, JsonText json) {
        this.commands = commands;
        this.limits = limits;
        this.json = json;
    }

    /** {@code displayName}, {@code customData}, {@code privateCustomData} (16 KiB each as JSON); see {@link ProfileRequest}. */
    @Patch
    @Operation(operationId = "editOwnProfile", summary = "Edit the caller's profile",
            description = "displayName, customData, privateCustomData (only the caller ever sees it). Absent or null: "
                    + "unchanged; `\"\"` / `{}` remove the value. A body with no known field is 400.")
    @ProblemResponses.JsonBody
    UserWrite edit(@Body @Valid ProfileRequest request, @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                   Authentication authentication) {
        if (request.namesNothing()) {
            throw new BadRequest("a PATCH body names at least one of displayName, customData, privateCustomData");
        }
        List<String> clear = new ArrayList<>();
        String displayName = request.displayName();
        if ("".equals(displayName)) {
            clear.add("displayName");
            displayName = null;
        }
        limits.displayName(displayName);
        String customData = jsonOrClear("customData", request.customData(), clear);
        String privateCustomData = jsonOrClear("privateCustomData", request.privateCustomData(), clear);
        String userId = Caller.of(authentication).userId();
        return UserWrite.of(userId, commands.send(new UpdateProfile(userId, IfMatch.sequence(ifMatch), displayName,
                customData, privateCustomData, clear)));
    }

    private String jsonOrClear(String field, java.util.Map<String, Object> value, List<String> clear) {
        if (value != null && value.isEmpty()) {
            clear.add(field);
            return null;
        }
        String text = json.write(value);
        limits.customData(field, text);
        return text;
    }

    @Post("/subscriptions")
    @Operation(operationId = "subscribe", summary = "Subscribe to users' presence",
            description = "1 to 50 users per request.")
    @ProblemResponses.JsonBody
    UserWrite subscribe(@Body @Valid UserIdsRequest request,
                        @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                        Authentication authentication) {
        limits.usersBatch("subscribe", request.userIds().size());
        String userId = Caller.of(authentication).userId();
        return UserWrite.of(userId, commands.send(new Subscribe(userId, IfMatch.sequence(ifMatch), request.userIds())));
    }

    /** With {@code {"userIds": [...]}}: unsubscribe from those; without a body: from everyone. */
    @Delete("/subscriptions")
    @Operation(operationId = "unsubscribe", summary = "Unsubscribe from some users, or (no body) from everyone")
    @ProblemResponses.JsonBody
    UserWrite unsubscribe(@Body @Valid @Nullable UserIdsRequest request,
                          @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                          Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        if (request == null) {
            return UserWrite.of(userId, commands.send(new UnsubscribeAll(userId, IfMatch.sequence(ifMatch))));
        }
        limits.usersBatch("unsubscribe", request.userIds().size());
        return UserWrite.of(userId, commands.send(new Unsubscribe(userId, IfMatch.sequence(ifMatch),
                request.userIds())));
    }

    @Put("/push")
    @Operation(operationId = "setPushEvents", summary = "Set which conversation event types trigger a push "
            + "notification", description = "`[]`: none.")
    @ProblemResponses.JsonBody
    UserWrite push(@Body @Valid PushRequest request, @IfMatch.Described @Nullable @Header("If-Match") String ifMatch,
                   Authentication authentication) {
        String userId = Caller.of(authentication).userId();
        return UserWrite.of(userId, commands.send(new SetPushEvents(userId, IfMatch.sequence(ifMatch),
                request.events())));
    }
}
