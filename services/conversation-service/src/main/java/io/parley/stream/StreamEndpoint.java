package io.parley.stream;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.parley.config.Roles;
import io.parley.http.Caller;
import io.parley.http.IJson;
import io.parley.http.Ids;
import io.parley.presence.TypingSignals;
import io.parley.read.visibility.SyncCursors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/stream} (API.md, Live stream): a WebSocket for a caller with a valid token (header, or
 * {@code access_token} for browsers; none: 401 before the upgrade). The client says what it has with
 * {@code {"type":"resume","conversations":{"<id>":<lastSequence>},"userSequence":<n>}}; the server sends what it
 * missed and then what happens, in order, with no gap and no duplicate ({@link StreamSession}); or with
 * {@code {"type":"resume","cursor":"<sync cursor>"}} from where its last {@code /v1/sync} left it. The session also
 * follows every conversation the user comes into while connected, from that event. {@code {"type":"typing",
 * "conversationId"}} announces typing.
 */
@ServerWebSocket("/v1/stream")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
public class StreamEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEndpoint.class);
    private static final Pattern ID = Pattern.compile(Ids.PATTERN);
    private static final String SESSION = "parley.stream.session";
    /** Conversations one resume frame may name (a 64 KiB frame holds about 1,500 of 36-character ids). */
    static final int MAX_RESUMED = 1_000;
    private final StreamHub hub;
    private final StreamFrames frames;
    private final JsonMapper json;
    private final TypingSignals typing;

    StreamEndpoint(StreamHub hub, StreamFrames frames, JsonMapper json, TypingSignals typing) {
        this.hub = hub;
        this.frames = frames;
        this.json = json;
        this.typing = typing;
    }

    /** What a client sends: {@code resume} or {@code typing}. */
    @Serdeable
    record ClientFrame(String type, @Nullable Map<String, Long> conversations, @Nullable Long userSequence,
                       @Nullable String cursor, @Nullable String conversationId) {
    }

    /** On the same single thread as the frames: a client's first frame never finds its session not yet open. */
    @OnOpen
    @ExecuteOn("stream-inbound")
    void open(WebSocketSession socket) {
        Authentication authentication = socket.getUserPrincipal()
                .filter(Authentication.class::isInstance).map(Authentication.class::cast)
                .orElseThrow(() -> new IllegalStateException("a stream session without authentication"));
        hub.open(socket, Caller.of(authentication)).ifPresent(session -> {
            socket.put(SESSION, session);
            LOG.debug("Stream: session {} opened for {}", socket.getId(), authentication.getName());
        });
    }

    /**
     * Parsed as it comes, on one thread for all connections so that a client's frames keep their order; handled in
     * that order on the session's drain.
     */
    @OnMessage(maxPayloadLength = WebSocketPipeline.MAX_BYTES)
    @ExecuteOn("stream-inbound")
    void message(String text, WebSocketSession socket) {
        StreamSession session = socket.get(SESSION, StreamSession.class).orElse(null);
        if (session == null) {
            return;
        }
        String problem = IJson.problemWith(text.getBytes(StandardCharsets.UTF_8));
        ClientFrame frame = problem == null ? parse(text) : null;
        Runnable task;
        if (frame == null || frame.type() == null) {
            String error = frames.error("validation_failed", problem != null ? problem
                    : "a frame is a JSON object with a type (resume or typing)");
            task = () -> session.send(error);
        } else {
            task = () -> handle(session, frame);
        }
        if (!session.submit(task)) {
            // the frames still on their way find no session: closed once, logged once
            socket.remove(SESSION);
            LOG.info("Stream: session {} of {} closed with {}: more than {} of its frames waiting", socket.getId(),
                    session.caller().userId(), CloseReason.POLICY_VIOLATION.getCode(), StreamSession.INBOX_LIMIT);
            socket.close(new CloseReason(CloseReason.POLICY_VIOLATION.getCode(), "more than "
                    + StreamSession.INBOX_LIMIT + " frames waiting: send fewer"));
        }
    }

    /** The frame, or null when it is no JSON object of this shape (I-JSON was checked before). */
    private ClientFrame parse(String text) {
        try {
            return json.readValue(text, ClientFrame.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void handle(StreamSession session, ClientFrame frame) {
        if ("resume".equals(frame.type())) {
            resume(session, frame);
        } else if ("typing".equals(frame.type())) {
            if (frame.conversationId() == null || !ID.matcher(frame.conversationId()).matches()) {
                session.send(frames.error("validation_failed", "typing names a conversationId"));
                return;
            }
            typing.announce(frame.conversationId(), session.caller());
        } else {
            session.send(frames.error("validation_failed", "unknown frame type " + frame.type()
                    + "; expected resume or typing"));
        }
    }

    private void resume(StreamSession session, ClientFrame frame) {
        if (frame.cursor() != null) {
            if (frame.conversations() != null || frame.userSequence() != null) {
                session.send(frames.error("validation_failed", "a resume has a cursor or conversations (and "
                        + "userSequence), not both"));
                return;
            }
            SyncCursors.SyncPosition position;
            try {
                position = SyncCursors.syncPosition(frame.cursor());
            } catch (RuntimeException notOurs) {
                position = null;
            }
            if (position == null) {
                session.send(frames.error("validation_failed", "cursor is not a /v1/sync cursor this server issued"));
                return;
            }
            hub.resume(session, position);
            return;
        }
        Map<String, Long> conversations = frame.conversations() == null ? Map.of() : frame.conversations();
        if (conversations.size() > MAX_RESUMED) {
            session.send(frames.error("validation_failed", "a resume names at most " + MAX_RESUMED
                    + " conversations, got " + conversations.size() + "; send the rest in another resume"));
            return;
        }
        for (Map.Entry<String, Long> entry : conversations.entrySet()) {
            if (!ID.matcher(entry.getKey()).matches() || entry.getValue() == null || entry.getValue() < 0) {
                session.send(frames.error("validation_failed", "resume takes conversation ids with the last sequence "
                        + "the client has (0 or more)"));
                return;
            }
        }
        if (frame.userSequence() != null && frame.userSequence() < 0) {
            session.send(frames.error("validation_failed", "userSequence is 0 or more"));
            return;
        }
        hub.resume(session, conversations, frame.userSequence());
    }

    @OnClose
    @ExecuteOn("stream-inbound")
    void close(WebSocketSession socket) {
        hub.closed(socket.getId());
    }
}
