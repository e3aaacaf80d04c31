package io.parley.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/** Tokens for development and tests, without an identity provider. Never enabled in the Helm chart. */
@Controller("/v1/dev/tokens")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(condition = DevTokensEnabled.class)
public class DevTokenController {
    static final int EXPIRES_IN_SECONDS = 24 * 3600;
    private final TokenGenerator tokens;

    DevTokenController(TokenGenerator tokens) {
        this.tokens = tokens;
    }

    @Post
    DevToken issue(@Body @Valid DevTokenRequest request) {
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        String token = tokens.generateToken(Authentication.build(request.userId(), roles), EXPIRES_IN_SECONDS)
                .orElseThrow(() -> new IllegalStateException("no token generated"));
        return new DevToken(token, request.userId(), roles, EXPIRES_IN_SECONDS);
    }

    @Serdeable
    record DevTokenRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                           List<@Pattern(regexp = "admin") String> roles) {
    }

    @Serdeable
    record DevToken(String token, String userId, List<String> roles, int expiresIn) {
    }
}
