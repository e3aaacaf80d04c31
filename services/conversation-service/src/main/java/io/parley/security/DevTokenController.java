package io.parley.security;

import io.parley.config.CommandRole;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.util.StringUtils;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.TokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.config.SecuritySettings;
import io.parley.http.Ids;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Tokens for development and tests, without an identity provider. Never enabled in the Helm chart. When
 * it is on only because the server runs embedded ({@code PARLEY_DEV_TOKENS} unset), it answers loopback
 * clients only (others get 404): a laptop server reachable on the network does not hand out tokens.
 */
@CommandRole
@Controller("/v1/dev/tokens")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(condition = DevTokensEnabled.class)
@Tag(name = "Authentication")
@ProblemResponses.Anonymous
public class DevTokenController {
    static final int EXPIRES_IN_SECONDS = 24 * 3600;
    private final TokenGenerator tokens;
    private final boolean anyClient;

    DevTokenController(TokenGenerator tokens, SecuritySettings settings) {
        this.tokens = tokens;
        this.anyClient = StringUtils.isTrue(settings.devTokens());
    }

    @Post
    @Operation(operationId = "issueDevToken", summary = "A token without an identity provider (development)",
            description = "Exists with PARLEY_DEV_TOKENS=true, or, when that is not set, in the embedded mode (no "
                    + "PARLEY_DB_URL), where it answers loopback clients only (404 to others). Never in the Helm chart "
                    + "or with PARLEY_JWKS_URL: 404 like any unknown route. Tokens last 24 h.")
    @ApiResponse(responseCode = "200", description = "The token", useReturnTypeSchema = true)
    @ProblemResponses.JsonBody
    @ProblemResponses.NotFound
    DevToken issue(HttpRequest<?> http, @Body @Valid DevTokenRequest request) {
        if (!anyClient && !http.getRemoteAddress().getAddress().isLoopbackAddress()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "Page Not Found");
        }
        List<String> roles = request.roles() == null ? List.of() : request.roles();
        String token = tokens.generateToken(Authentication.build(request.userId(), roles), EXPIRES_IN_SECONDS)
                .orElseThrow(() -> new IllegalStateException("no token generated"));
        return new DevToken(token, request.userId(), roles, EXPIRES_IN_SECONDS);
    }

    @Serdeable
    @Schema(name = "DevTokenRequest")
    record DevTokenRequest(@NotBlank @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String userId,
                           List<@Pattern(regexp = "admin") String> roles) {
    }

    @Serdeable
    @Schema(name = "DevToken")
    record DevToken(String token, String userId, List<String> roles, int expiresIn) {
    }
}
