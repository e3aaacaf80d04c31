package io.parley.stream;

import io.micronaut.context.annotation.Requires;
import io.parley.scheduling.Periodic;
import io.parley.config.StreamSettings;
import io.parley.config.Roles;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.model.ReadableRange;
import org.axonframework.eventhandling.DomainEventMessage;
import io.parley.eventlog.ConversationLog;
import io.parley.eventlog.EventView;
import io.parley.eventlog.UserEventView;
import io.parley.eventlog.UserEventViews;
import io.parley.eventlog.UserLog;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import io.parley.read.events.EventPages;
import io.parley.read.inbox.InboxViews;
import io.parley.read.visibility.PrivateViews;
import io.parley.read.visibility.SyncCursors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.parley.tracing.LogFields;
import io.parley.tracing.Traces;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's local sessions and what reaches them: a new event of a conversation wakes the sessions that follow
 * it; an event that brings a user in (created with, added, joined) makes that user's sessions follow the conversation
 * from that event; a user's own event wakes their sessions; typing goes to the other active participants' sessions.
 * Frames are read from the event store and rendered as {@code /events} renders them, with the reader's range
 * (folded from the log, so never behind) and what they cleared or deleted for themselves.
 * <p>
 * Meters: {@code parley_stream_sessions} (open sessions here), {@code parley_stream_frames_sent_total} (frames the
 * connections took). An event whose metadata carries a trace context is sent to each session in a span
 * {@value #SPAN}, a child of the command's request, ended when the connection took the frame.
 */
@Singleton
@Requires(property = "parley.roles", pattern = Roles.GATEWAY)
public class StreamHub {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    static final String SPAN = "stream deliver";
    /** Events read from the store per look, per conversation: memory per session stays bounded. */
    static final int PAGE = 100;
    /** Events folded into a reader's standing per look: a long backlog is read in steps, never all at once. */
    static final int FOLD = 1_000;
    private final ConversationLog log;
    private final UserLog userLog;
    private final EventPages pages;
    private final UserEventViews userEvents;
    private final PrivateViews privateViews;
    private final StreamFrames frames;
    private final Database database;
    private final java.time.Duration stallTimeout;
    private final ConnectionPresence presence;
    private final RecentEvents recent;
    private final InboxViews inbox;
    private final RecentEntries recentEntries;
    private final Sessions sessions = new Sessions();
    private final Periodic pings;
    private final Periodic stallChecks;
    private final Traces traces;
    private final Counter framesSent;
    private final ExecutorService drains = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "parley-stream");
        thread.setDaemon(true);
        return thread;
    });

    StreamHub(ConversationLog log, UserLog userLog, EventPages pages, UserEventViews userEvents,
              PrivateViews privateViews, StreamFrames frames, Database database, StreamSettings settings,
              ConnectionPresence presence, RecentEvents recent, InboxViews inbox, RecentEntries recentEntries,
              Traces traces, MeterRegistry meters) {
        this.traces = traces;
        Gauge.builder("parley.stream.sessions", sessions, Sessions::size)
                .description("Open sessions of GET /v1/stream on this gateway").register(meters);
        this.framesSent = Counter.builder("parley.stream.frames.sent")
                .description("Frames the stream's connections took (events, user events, typing, presence, ...)")
                .register(meters);
        this.recentEntries = recentEntries;
        this.inbox = inbox;
        this.presence = presence;
        this.recent = recent;
        this.stallTimeout = settings.stallTimeout();
        this.pings = Periodic.every("parley-stream-ping", settings.pingInterval(), this::ping);
        this.stallChecks = Periodic.every("parley-stream-stalls", java.time.Duration.ofSeconds(1), this::stalled);
        this.log = log;
        this.userLog = userLog;
        this.pages = pages;
        this.userEvents = userEvents;
        this.privateViews = privateViews;
        this.frames = frames;
        this.database = database;
    }

    /** Open sessions per user on one gateway: a client that reconnects in a loop cannot take the process down. */
    static final int MAX_SESSIONS_PER_USER = 20;
    /** Close code for a session over {@link #MAX_SESSIONS_PER_USER}. */
    static final int TOO_MANY_SESSIONS = 4029;

    /** A new session, or empty (closed with {@value #TOO_MANY_SESSIONS}) when the user has too many open here. */
    Optional<StreamSession> open(io.micronaut.websocket.WebSocketSession socket, io.parley.http.Caller caller) {
        if (sessions.ofUser(caller.userId()).size() >= MAX_SESSIONS_PER_USER) {
            socket.close(new io.micronaut.websocket.CloseReason(TOO_MANY_SESSIONS, "at most "
                    + MAX_SESSIONS_PER_USER + " sessions per user"));
            return Optional.empty();
        }
        StreamSession session = new StreamSession(socket, caller, drains, sessions::followed, framesSent::increment);
        session.drainWith(() -> step(session));
        sessions.add(session);
        presence.opened(caller.userId());
        return Optional.of(session);
    }

    void closed(String sessionId) {
        StreamSession session = sessions.remove(sessionId);
        if (session != null) {
            presence.closed(session.caller().userId());
        }
    }

    int sessionCount() {
        return sessions.size();
    }

    /**
     * The client's resume: each conversation from the sequence it has (one it may not read is refused with an error
     * frame), and its own events after {@code userSequence} (default: from now on).
     */
    void resume(StreamSession session, Map<String, Long> conversations, Long userSequence) {
        String userId = session.caller().userId();
        for (Map.Entry<String, Long> resumed : conversations.entrySet()) {
            String conversationId = resumed.getKey();
            ConversationLog.Standing standing = session.caller().admin() ? null : log.standing(conversationId, userId);
            Optional<ReadableRange> readable = standing == null ? Optional.of(ReadableRange.ALL)
                    : standing.standing().readableRange();
            // the standing was folded through the last event there was
            long head = standing == null ? log.lastSequence(conversationId) : standing.at();
            if (readable.isEmpty() || head == 0) {
                session.send(frames.error("not_found", "conversation " + conversationId + " not found",
                        conversationId, null));
                continue;
            }
            // what this reader may know of: a former participant's log ends at their leave (API.md)
            long readerHead = Math.min(head, readable.get().to());
            if (resumed.getValue() > readerHead) {
                session.send(frames.error("conflict", "conversation " + conversationId + " has no sequence "
                        + resumed.getValue() + " for you: its last is " + readerHead + "; resume from at most that",
                        conversationId, readerHead));
                continue;
            }
            // follow first, then read the head: whatever is committed later wakes the session
            session.resumeAt(conversationId, resumed.getValue(), standing);
            session.touched(conversationId, log.lastSequence(conversationId));
        }
        // what brought the user in shortly before and the client does not name: it may not know it yet (a sync
        // before the views had it, or an event between opening and resuming)
        recentEntries.of(userId).forEach((conversationId, sequence) -> {
            if (!conversations.containsKey(conversationId)) {
                followFromEntry(session, conversationId, sequence);
            }
        });
        long userHead = userLog.lastSequence(userId);
        session.followUser(userSequence == null ? userHead : Math.min(userSequence, userHead), userHead);
        session.resumed();
    }

    private void followFromEntry(StreamSession session, String conversationId, long sequence) {
        if (!session.follows(conversationId)) {
            session.follow(conversationId, sequence - 1, sequence);
            session.touched(conversationId, log.lastSequence(conversationId));
        }
    }

    /**
     * The client's resume by {@code /v1/sync} cursor: it has every conversation as that sync gave it, and its own
     * events up to the cursor's. The conversations are followed page by page ({@link #replay}); each changed since
     * comes first as a {@code conversation} frame with its entry (the client replays what it misses before it with
     * {@code /events}), and is followed from that entry's last sequence.
     */
    void resume(StreamSession session, SyncCursors.SyncPosition position) {
        String userId = session.caller().userId();
        long userHead = userLog.lastSequence(userId);
        session.followUser(Math.min(position.userEvents(), userHead), userHead);
        session.resumed();
        // what brought the user in and is not in the views yet: the sync did not have it, the pages will not
        recentEntries.of(userId).forEach((conversationId, sequence) -> {
            if (!inbox.has(userId, conversationId)) {
                followFromEntry(session, conversationId, sequence);
            }
        });
        session.replayFrom(position.changes());
    }

    /** A conversation event was published: wake its followers; whoever it brings in follows from it. */
    void conversationEvent(String conversationId, long sequence, Collection<String> enteringUsers) {
        enteringUsers.forEach(user -> recentEntries.entered(user, conversationId, sequence));
        for (String user : enteringUsers) {
            for (StreamSession session : sessions.ofUser(user)) {
                if (session.hasResumed() && !session.follows(conversationId)) {
                    session.follow(conversationId, sequence - 1, sequence);
                }
            }
        }
        for (StreamSession session : sessions.following(conversationId)) {
            session.touched(conversationId, sequence);
        }
    }

    void userEvent(String userId, long sequence) {
        for (StreamSession session : sessions.ofUser(userId)) {
            session.userTouched(sequence);
        }
    }

    /** Typing: to the sessions of the conversation's other active participants that follow it. Never stored. */
    void typing(String conversationId, String userId) {
        Set<String> active = activeParticipants(conversationId);
        String frame = frames.typing(conversationId, userId);
        for (StreamSession session : sessions.following(conversationId)) {
            String recipient = session.caller().userId();
            if (!recipient.equals(userId) && active.contains(recipient)) {
                sendQuietly(session, frame);
            }
        }
    }

    /** Presence: to the sessions of the user's subscribers and to the user's own sessions. */
    void presence(String userId, boolean online) {
        Set<String> recipients = Sql.query(database.dataSource(), "SELECT user_id FROM user_subscription_view WHERE "
                + "subscribed_user_id = ?", rows -> {
            Set<String> users = new HashSet<>();
            while (rows.next()) {
                users.add(rows.getString(1));
            }
            return users;
        }, userId);
        recipients.add(userId);
        String frame = frames.presence(userId, online);
        for (String recipient : recipients) {
            for (StreamSession session : sessions.ofUser(recipient)) {
                sendQuietly(session, frame);
            }
        }
    }

    private Set<String> activeParticipants(String conversationId) {
        return Sql.query(database.dataSource(), "SELECT user_id FROM participant_view WHERE conversation_id = ? AND "
                + "active = TRUE", rows -> {
            Set<String> users = new HashSet<>();
            while (rows.next()) {
                users.add(rows.getString(1));
            }
            return users;
        }, conversationId);
    }

    /** One round of a session's drain: a page per conversation with news, then the user's own events. */
    private void step(StreamSession session) {
        if (session.backlogged()) {
            // resumed by the sends completing (StreamSession#send), or closed by stalled() if they do not
            return;
        }
        String userId = session.caller().userId();
        if (session.replaying()) {
            replay(session);
        }
        for (Map.Entry<String, StreamSession.Cursor> followed : session.conversations().entrySet()) {
            StreamSession.Cursor cursor = followed.getValue();
            if (cursor.pending()) {
                sendConversation(session, followed.getKey(), cursor);
            }
        }
        long delivered = session.userDelivered();
        long head = session.userHead();
        if (delivered >= 0 && head > delivered) {
            List<UserEventView> events = userEvents.events(userId, delivered + 1, head, PAGE);
            for (UserEventView event : events) {
                session.send(frames.userEvent(event));
            }
            if (!events.isEmpty()) {
                session.userDelivered(events.get(events.size() - 1).sequence());
                session.more();
            }
        }
    }

    /**
     * One page of a resume by sync cursor. A conversation is followed from the first place the pages give it: a row
     * that changes while the pages go on moves behind them (its change cursor grows) and comes again; the session
     * then follows it already, from a sequence the client has.
     */
    private void replay(StreamSession session) {
        InboxViews.ResumePage page = inbox.resumePoints(session.caller().userId(), session.replayAfter(),
                session.syncedCursor(), PAGE);
        for (InboxViews.ResumePoint point : page.points()) {
            if (session.follows(point.conversationId())) {
                continue;
            }
            if (point.changed() != null) {
                session.send(frames.conversation(point.changed()));
            }
            session.follow(point.conversationId(), point.lastSequence(), 0);
            session.touched(point.conversationId(), log.lastSequence(point.conversationId()));
        }
        session.replayed(page.lastCursor(), !page.hasMore());
    }

    /**
     * The next page of one conversation for one session: the reader's range as of the last event known (the standing
     * folded on from where it was, reading only the new events), then the events after the last one sent, as
     * {@code /events} gives them to this reader now.
     */
    private void sendConversation(StreamSession session, String conversationId, StreamSession.Cursor cursor) {
        String userId = session.caller().userId();
        long head = cursor.head;
        Optional<ReadableRange> readable;
        if (session.caller().admin()) {
            readable = Optional.of(ReadableRange.ALL);
        } else {
            if (cursor.standing == null) {
                ConversationLog.Standing standing = log.standing(conversationId, userId);
                cursor.standing = standing.standing();
                cursor.standingAt = standing.at();
            }
            long foldTo = Math.min(head, cursor.standingAt + FOLD);
            for (DomainEventMessage<?> event : recent.read(conversationId, cursor.standingAt + 1, foldTo)) {
                try {
                    cursor.standing = cursor.standing.after(event.getPayload(),
                            ConversationSequence.fromAxon(event.getSequenceNumber()));
                } catch (RuntimeException unreadable) {
                    // a stored event that does not read back changes nobody's standing (it is sent as unreadable)
                }
            }
            cursor.standingAt = Math.max(cursor.standingAt, foldTo);
            if (cursor.standingAt < head) {
                session.more();
                return;
            }
            readable = cursor.standing.readableRange();
        }
        long last = readable.map(range -> Math.min(head, range.to())).orElse(0L);
        if (last <= cursor.delivered) {
            cursor.checked = head;
            return;
        }
        long to = Math.min(last, cursor.delivered + PAGE);
        List<DomainEventMessage<?>> stored = recent.read(conversationId, cursor.delivered + 1, to);
        List<EventView> page = pages.render(conversationId, stored, readable.get()::contains,
                privateViews.mask(userId, conversationId));
        Map<Long, DomainEventMessage<?>> bySequence = new java.util.HashMap<>();
        stored.forEach(event -> bySequence.put(ConversationSequence.fromAxon(event.getSequenceNumber()), event));
        for (EventView event : page) {
            deliver(session, conversationId, event, bySequence.get(event.sequence()));
        }
        cursor.delivered = to;
        if (to < head) {
            session.more();
        }
    }

    /** One event's frame to one session, in a span when the stored event carries a trace context. */
    private void deliver(StreamSession session, String conversationId, EventView event, DomainEventMessage<?> stored) {
        Span span = stored == null ? null : traces.startChild(SPAN, SpanKind.PRODUCER, name -> {
            Object value = stored.getMetaData().get(name);
            return value == null ? null : value.toString();
        }).orElse(null);
        if (span == null) {
            session.send(frames.event(conversationId, event));
            return;
        }
        span.setAttribute("parley.sequence", event.sequence());
        span.setAttribute("parley.stream.session", session.id());
        try (LogFields.Scope ignored = LogFields.of(conversationId, span.getSpanContext())) {
            session.send(frames.event(conversationId, event), failure -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, "the connection did not take the frame");
                }
                span.end();
            });
        }
    }

    private static void sendQuietly(StreamSession session, String frame) {
        try {
            session.send(frame);
        } catch (RuntimeException closed) {
            LOG.debug("Stream: session {} did not take a frame: {}", session.id(), closed.toString());
        }
    }

    /** API.md: a ping every 30 s ({@code parley.stream.ping-interval}) keeps connections and proxies alive. */
    void ping() {
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        for (StreamSession session : sessions.all()) {
            if (session.open()) {
                session.ping(ping);
            }
        }
    }

    /**
     * Closes with 4008 the sessions whose client has not taken frames for {@code parley.stream.stall-timeout}: the
     * session is dropped at once (nothing more is read for it); the close frame reaches the client after the frames
     * already queued, and the connection ends when it has read them.
     */
    void stalled() {
        for (StreamSession session : sessions.all()) {
            if (session.stalledFor(stallTimeout) && sessions.remove(session.id()) != null) {
                presence.closed(session.caller().userId());
                LOG.info("Stream: session {} of {} closed with {}: its client did not take frames for {}",
                        session.id(), session.caller().userId(), StreamSession.TOO_SLOW, stallTimeout);
                session.closeTooSlow();
            }
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        pings.close();
        stallChecks.close();
        sessions.all().forEach(StreamSession::close);
        drains.shutdown();
        drains.awaitTermination(5, TimeUnit.SECONDS);
    }
}
