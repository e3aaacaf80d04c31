package io.parley.stream;

import io.micronaut.http.MediaType;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.parley.http.Caller;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One connection of {@code GET /v1/stream}: for each conversation it follows, the last sequence it sent
 * ({@code delivered}) and the last one it knows exists ({@code head}); for the user's own events the same. Everything
 * is sent from the event store in sequence order, from {@code delivered + 1}: a resume and a live event are the
 * same step, so the seam between them has no gap and no duplicate. Wake-ups are coalesced; one drain runs at a
 * time per session.
 */
final class StreamSession {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StreamSession.class);
    /** What the session follows of one conversation. */
    static final class Cursor {
        volatile long head;
        /** Sent up to here (the client has everything up to it). */
        long delivered;
        /** Looked at up to here: nothing of it was for this reader (not readable now). */
        long checked;
        /** The reader's standing in the conversation, folded through {@code standingAt}; null until first needed. */
        io.parley.conversation.ReaderStanding standing;
        long standingAt;

        Cursor(long delivered, long head) {
            this.delivered = delivered;
            this.head = head;
        }

        boolean pending() {
            return head > Math.max(delivered, checked);
        }
    }

    /** Close code for a client that does not keep up (API.md, Live stream). */
    static final int TOO_SLOW = 4008;
    /** Frames waiting to be written to the connection above which no more are read. */
    static final int PAUSE_AT = 256;
    private final AtomicLong unsent = new AtomicLong();
    private volatile long backloggedSince;
    private final WebSocketSession socket;
    private final Caller caller;
    private final Executor executor;
    private final Map<String, Cursor> conversations = new ConcurrentHashMap<>();
    /** The user's own events: -1 until the client resumes (nothing is sent before it says what it has). */
    private final AtomicLong userHead = new AtomicLong(-1);
    private long userDelivered = -1;
    private final AtomicBoolean draining = new AtomicBoolean();
    /** The client's frames, handled in the order they came, on the drain's thread. */
    private final Queue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger inboxSize = new java.util.concurrent.atomic.AtomicInteger();
    /** Client frames that may wait to be handled. */
    static final int INBOX_LIMIT = 100;
    /** Nothing is followed before the client's first resume says what it has. */
    private volatile boolean resumed;
    private volatile boolean dirty;
    /** A resume by sync cursor in progress: the change cursor of the client's sync, and how far the pages went. */
    private boolean replaying;
    private long syncedCursor;
    private long replayAfter;
    private volatile Runnable drainer;
    /** Told of each conversation the session starts following (the hub's index). */
    private final BiConsumer<StreamSession, String> followed;

    /** Counts the frames the connection took. */
    private final Runnable frameSent;

    StreamSession(WebSocketSession socket, Caller caller, Executor executor, BiConsumer<StreamSession, String> followed,
                  Runnable frameSent) {
        this.frameSent = frameSent;
        this.followed = followed;
        this.socket = socket;
        this.caller = caller;
        this.executor = executor;
    }

    String id() {
        return socket.getId();
    }

    Caller caller() {
        return caller;
    }

    boolean open() {
        return socket.isOpen();
    }

    /** Sets what drains this session (the hub's step); called once, before any wake-up. */
    void drainWith(Runnable step) {
        this.drainer = step;
    }

    Map<String, Cursor> conversations() {
        return conversations;
    }

    boolean follows(String conversationId) {
        return conversations.containsKey(conversationId);
    }

    /** Follows the conversation from {@code delivered + 1} (a resume, or the event that brought the user in). */
    void follow(String conversationId, long delivered, long head) {
        conversations.compute(conversationId, (id, cursor) -> {
            if (cursor == null) {
                return new Cursor(delivered, head);
            }
            cursor.head = Math.max(cursor.head, head);
            return cursor;
        });
        followed.accept(this, conversationId);
        wake();
    }

    /**
     * The client says it has the conversation up to {@code delivered}: sent from {@code delivered + 1} on, also when
     * the session followed it already (the client's word wins over what was sent); {@code standing} (may be null: an
     * admin reads everything) is the reader's standing folded by the resume. On the drain's thread.
     */
    void resumeAt(String conversationId, long delivered, io.parley.eventlog.ConversationLog.Standing standing) {
        conversations.compute(conversationId, (id, cursor) -> {
            Cursor resumed = cursor == null ? new Cursor(delivered, 0) : cursor;
            resumed.delivered = delivered;
            resumed.checked = 0;
            // the standing the resume already folded: the first drain goes on from it instead of folding again
            if (standing != null && (resumed.standing == null || resumed.standingAt < standing.at())) {
                resumed.standing = standing.standing();
                resumed.standingAt = standing.at();
            }
            return resumed;
        });
        followed.accept(this, conversationId);
        wake();
    }

    /** A new event of a followed conversation exists at {@code sequence}. */
    void touched(String conversationId, long sequence) {
        Cursor cursor = conversations.get(conversationId);
        if (cursor != null && sequence > cursor.head) {
            cursor.head = sequence;
            wake();
        }
    }

    /** The user's own events are sent after {@code delivered}, up to {@code head} and then live. */
    void followUser(long delivered, long head) {
        synchronized (this) {
            userDelivered = delivered;
        }
        userHead.accumulateAndGet(head, Math::max);
        wake();
    }

    void userTouched(long sequence) {
        if (userHead.get() >= 0 && sequence > userHead.get()) {
            userHead.accumulateAndGet(sequence, Math::max);
            wake();
        }
    }

    synchronized long userDelivered() {
        return userDelivered;
    }

    synchronized void userDelivered(long sequence) {
        userDelivered = sequence;
    }

    long userHead() {
        return userHead.get();
    }

    /**
     * Queues a frame for the connection. Frames are read from the event store only while fewer than
     * {@link #PAUSE_AT} wait to be written ({@link #backlogged()}): a slow client slows its own session down, and
     * its memory stays bounded; once it takes frames again the session goes on where it stopped.
     */
    void send(String frame) {
        send(frame, null);
    }

    /** {@link #send(String)}, then {@code done} is told whether the connection took it (null) or not. */
    void send(String frame, java.util.function.Consumer<Throwable> done) {
        if (!socket.isOpen()) {
            if (done != null) {
                done.accept(new IllegalStateException("the session is closed"));
            }
            return;
        }
        unsent.incrementAndGet();
        java.util.concurrent.CompletableFuture<String> sending;
        try {
            sending = socket.sendAsync(frame, MediaType.APPLICATION_JSON_TYPE);
        } catch (RuntimeException closed) {
            // the connection closed meanwhile: nothing more goes to it
            unsent.decrementAndGet();
            notify(done, closed);
            return;
        }
        sending.whenComplete((sent, failure) -> {
            if (failure == null) {
                frameSent.run();
            }
            notify(done, failure);
            if (unsent.decrementAndGet() == PAUSE_AT / 2) {
                backloggedSince = 0;
                wake();
            }
        });
    }

    private static void notify(java.util.function.Consumer<Throwable> done, Throwable failure) {
        if (done != null) {
            done.accept(failure);
        }
    }

    /** Too many frames wait to be written: read no more for now. */
    boolean backlogged() {
        if (unsent.get() < PAUSE_AT) {
            return false;
        }
        if (backloggedSince == 0) {
            backloggedSince = System.nanoTime();
        }
        return true;
    }

    /** Backlogged for longer than {@code stall}: the client does not keep up; it is closed and resumes by sequence. */
    boolean stalledFor(Duration stall) {
        long since = backloggedSince;
        return since != 0 && unsent.get() >= PAUSE_AT && System.nanoTime() - since > stall.toNanos();
    }

    void closeTooSlow() {
        if (socket.isOpen()) {
            socket.close(new CloseReason(TOO_SLOW, "too slow: resume by sequence"));
        }
    }

    /** Runs the drain soon, on the hub's executor; a wake-up during a drain makes it go round once more. */
    void wake() {
        dirty = true;
        if (drainer != null && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /**
     * Runs {@code task} after the client's earlier frames, before the next drain step; false (and not queued) when
     * {@value #INBOX_LIMIT} of them wait already: a client that sends faster than its frames are handled is closed.
     */
    boolean submit(Runnable task) {
        if (inboxSize.incrementAndGet() > INBOX_LIMIT) {
            inboxSize.decrementAndGet();
            return false;
        }
        inbox.add(task);
        wake();
        return true;
    }

    void resumed() {
        resumed = true;
    }

    /**
     * A resume by sync cursor: the user's conversations are followed page by page in change order, those changed
     * after {@code syncedCursor} with their entry first ({@link StreamHub}).
     */
    synchronized void replayFrom(long syncedCursor) {
        this.syncedCursor = syncedCursor;
        this.replayAfter = 0;
        this.replaying = true;
        wake();
    }

    synchronized boolean replaying() {
        return replaying;
    }

    synchronized long syncedCursor() {
        return syncedCursor;
    }

    synchronized long replayAfter() {
        return replayAfter;
    }

    /** The replay went up to {@code cursor}; {@code done} when it was the last page. */
    synchronized void replayed(long cursor, boolean done) {
        replayAfter = Math.max(replayAfter, cursor);
        replaying = !done;
        if (!done) {
            more();
        }
    }

    boolean hasResumed() {
        return resumed;
    }

    private void drain() {
        try {
            while (dirty && socket.isOpen()) {
                dirty = false;
                try {
                    for (Runnable task = inbox.poll(); task != null; task = inbox.poll()) {
                        inboxSize.decrementAndGet();
                        task.run();
                    }
                    drainer.run();
                } catch (RuntimeException e) {
                    // a failed step (the database away, say) is tried again at the next wake-up; the cursors did
                    // not move past what was sent
                    LOG.warn("Stream: session {} could not be brought up to date: {}", socket.getId(), e.toString());
                }
            }
        } finally {
            draining.set(false);
        }
        if (dirty && socket.isOpen() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    /** Asks the drain to go round again (a page was not the last). */
    void more() {
        dirty = true;
    }

    void ping(byte[] content) {
        socket.sendPingAsync(content);
    }

    void close() {
        socket.close();
    }
}
