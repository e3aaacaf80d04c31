package io.parley;

import io.micronaut.runtime.Micronaut;
import io.parley.startup.Migration;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Parley: an event-sourced conversation service. {@code PARLEY_ROLES=migrate} migrates and exits.
 * <p>
 * The annotations below head the OpenAPI document the compiler writes from the controllers
 * ({@code GET /openapi.yml}, see {@code io.parley.openapi}).
 */
@OpenAPIDefinition(
        info = @Info(title = "Parley", version = "v1",
                description = """
                        An event-sourced conversation service: conversations whose events are numbered 1, 2, 3, … \
                        with no gaps, replayable by sequence over HTTP, pushed over a WebSocket and published to \
                        Kafka.

                        This document lists every endpoint with its parameters, bodies and answers. The detailed \
                        reference, with a real request and answer for each call and every rule (visibility, \
                        consistency, conditional writes, strict JSON, limits), is docs/api.md in the repository; \
                        the frames of the live stream are described there only.

                        Errors are application/problem+json (RFC 9457) with a stable `code`. Every call but the \
                        public ones (dev tokens, health, metrics, this document) carries `Authorization: Bearer \
                        <JWT>`: `sub` is the user id, `roles: ["admin"]` an integration that may act on any \
                        conversation."""),
        servers = {
                @Server(url = "/", description = "the server that serves this document"),
                @Server(url = "http://localhost:8080", description = "the embedded default (README)")
        },
        tags = {
                @Tag(name = "Conversations", description = "create, read, edit, delete, join and leave"),
                @Tag(name = "Participants", description = "members and their permissions"),
                @Tag(name = "Messages", description = "send, edit, remove, forward and read history"),
                @Tag(name = "Read state", description = "read and delivered horizons, unread counts, receipts"),
                @Tag(name = "Sync and replay", description = "the log by sequence, what changed since a cursor, "
                        + "the inbox"),
                @Tag(name = "Live stream", description = "the WebSocket and typing"),
                @Tag(name = "Users", description = "profiles, presence, subscriptions and push settings"),
                @Tag(name = "Private state", description = "the caller's own choices about conversations and "
                        + "messages: archive, mute, clear, delete for me, favourites"),
                @Tag(name = "Authentication", description = "tokens without an identity provider (development)"),
                @Tag(name = "Operations", description = "probes, metrics and this document")
        })
@SecurityScheme(name = "bearerAuth", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "A JWT: HS256 with the server's secret, or signed with a key of the identity provider's JWKS "
                + "(PARLEY_JWKS_URL). `exp` is required; `sub` is the user id (1-128 of letters, digits and _-.:@).")
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        if (Migration.requested(args)) {
            System.exit(Migration.run(args));
        }
        // with JSON logs every line of the output is a JSON object: no banner
        Micronaut.build(args).mainClass(Application.class)
                .banner(!"json".equals(System.getenv("PARLEY_LOG_FORMAT"))).start();
    }
}
