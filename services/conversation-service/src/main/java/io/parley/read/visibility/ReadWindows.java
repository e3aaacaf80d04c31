package io.parley.read.visibility;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.HttpStatusException;
import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.model.ReadableRange;
import io.parley.eventlog.ConversationLog;
import io.parley.http.Caller;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.function.Function;

/**
 * Opens the part of a conversation one read may answer from, the same way for every read path: wait for
 * the views (read-your-writes, {@code minSequence}, {@code minCursor}; see {@link ViewConsistency}), take
 * the caller's range from them ({@link ReaderRanges}), answer, and check that the range did not change
 * meanwhile (a leave or removal projected during the read), else answer again from the new range.
 * Nobody who may not read the conversation learns whether it exists: {@code 404}.
 */
@Singleton
public class ReadWindows {
    /** A range that changes on every look is being changed faster than anyone can read it: retry later. */
    private static final int ATTEMPTS = 3;
    private final ReaderRanges ranges;
    private final ViewConsistency consistency;
    private final ConversationLog log;
    private final PrivateViews privateViews;

    ReadWindows(ReaderRanges ranges, ViewConsistency consistency, ConversationLog log, PrivateViews privateViews) {
        this.privateViews = privateViews;
        this.ranges = ranges;
        this.consistency = consistency;
        this.log = log;
    }

    /**
     * What one read answers from: {@code readable}, the caller's range; {@code asOf}, the sequence the
     * views had reached; {@code reached}, whether they reached all the read waited for; {@code mask}, what the
     * caller cleared or deleted for themselves.
     */
    public record Window(ReadableRange readable, long asOf, boolean reached, PrivateMask mask) {
        /** The caller's range as far as the views have got. */
        public ReadableRange range() {
            return readable.upTo(asOf);
        }

        /** 200 with the body, and {@code Parley-Consistency: pending} when the views did not reach all. */
        public <T> MutableHttpResponse<T> answer(T body) {
            MutableHttpResponse<T> response = HttpResponse.ok(body);
            return reached ? response : response.header(ViewConsistency.HEADER, ViewConsistency.PENDING);
        }
    }

    /** Waits as the read asks, then answers {@code body} from a window that held for the whole read. */
    public <T> MutableHttpResponse<T> read(String conversationId, Caller caller, Long minSequence, String minCursor,
                                           Function<Window, T> body) {
        boolean reached = await(conversationId, caller, minSequence, minCursor);
        Window window = window(conversationId, caller, reached);
        T answer = stable(conversationId, caller, window, body)
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        return window.answer(answer);
    }

    /**
     * For reads from the event store itself ({@code /events}), which is never behind an acknowledged write:
     * waits only for {@code minSequence} in the log (up to 2 s) and {@code minCursor}, then answers from a
     * window over the whole log. The caller's range comes from the views when they have reached the log's
     * end, and otherwise from the log itself (folded, without the aggregate), so the answer never depends on
     * how far the projector has got.
     */
    public <T> MutableHttpResponse<T> readLog(String conversationId, Caller caller, Long minSequence, String minCursor,
                                              Function<Window, T> body) {
        long deadline = ViewConsistency.deadline();
        boolean reached = consistency.awaitStored(conversationId, minSequence, deadline)
                & consistency.awaitCursor(caller.userId(), SyncCursors.syncPosition(minCursor), deadline);
        long stored = log.lastSequence(conversationId);
        Optional<ReaderRanges.ViewAccess> access = ranges.of(conversationId, caller);
        if (access.isPresent() && access.get().asOf() >= stored) {
            Window window = new Window(access.get().readable()
                    .orElseThrow(() -> ConversationRejectedException.notFound(conversationId)), stored, reached,
                    privateViews.mask(caller.userId(), conversationId));
            return window.answer(stable(conversationId, caller, window, body)
                    .orElseThrow(() -> ConversationRejectedException.notFound(conversationId)));
        }
        ReadableRange readable = (caller.admin() && stored > 0 ? Optional.of(ReadableRange.ALL)
                : log.readableRange(conversationId, caller.userId()))
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        Window window = new Window(readable, stored, reached, privateViews.mask(caller.userId(), conversationId));
        return window.answer(body.apply(window));
    }

    /**
     * For reads that span conversations, which leave out what the caller may not see instead of failing:
     * the answer from a window of a caller who may read the conversation, after the wait (one
     * {@code deadline} for all the waits of a request); empty for anyone else and for a conversation that
     * does not exist.
     */
    public <T> Optional<Answer<T>> readIfReadable(String conversationId, Caller caller, long deadline,
                                                  Function<Window, T> body) {
        boolean reached = consistency.awaitConversation(conversationId, null, deadline);
        Optional<Window> window = ranges.of(conversationId, caller).flatMap(access -> access.readable()
                .map(readable -> new Window(readable, access.asOf(), reached,
                        privateViews.mask(caller.userId(), conversationId))));
        return window.flatMap(w -> stable(conversationId, caller, w, body).map(answer -> new Answer<>(answer, reached)));
    }

    /** An answer, and whether the views reached all the read waited for. */
    public record Answer<T>(T body, boolean reached) {
    }

    /**
     * Answers from {@code window}, then looks at the caller's range again: if it changed meanwhile (a leave
     * or removal projected during the read), answers again from the new one. Empty when the caller may no
     * longer read anything.
     */
    private <T> Optional<T> stable(String conversationId, Caller caller, Window first, Function<Window, T> body) {
        Window window = first;
        for (int attempt = 1; ; attempt++) {
            T answer = body.apply(window);
            Optional<ReaderRanges.ViewAccess> after = ranges.of(conversationId, caller);
            Optional<ReadableRange> readable = after.flatMap(ReaderRanges.ViewAccess::readable);
            if (readable.isEmpty()) {
                return Optional.empty();
            }
            if (readable.get().equals(window.readable())) {
                return Optional.of(answer);
            }
            if (attempt == ATTEMPTS) {
                throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                        "access to " + conversationId + " changed during the read; retry");
            }
            window = new Window(readable.get(), after.get().asOf(), window.reached(), window.mask());
        }
    }

    private boolean await(String conversationId, Caller caller, Long minSequence, String minCursor) {
        long deadline = ViewConsistency.deadline();
        return consistency.awaitConversation(conversationId, minSequence, deadline)
                & consistency.awaitCursor(caller.userId(), SyncCursors.syncPosition(minCursor), deadline);
    }

    private Window window(String conversationId, Caller caller, boolean reached) {
        Optional<ReaderRanges.ViewAccess> access = ranges.of(conversationId, caller);
        if (access.isEmpty()) {
            // the views do not know it: only the log can tell a reader "not yet" from "not for you"
            boolean readableInLog = caller.admin() ? log.lastSequence(conversationId) > 0
                    : log.readableRange(conversationId, caller.userId()).isPresent();
            throw readableInLog ? ViewsBehind.of(conversationId) : ConversationRejectedException.notFound(conversationId);
        }
        ReadableRange readable = access.get().readable()
                .orElseThrow(() -> ConversationRejectedException.notFound(conversationId));
        return new Window(readable, access.get().asOf(), reached, privateViews.mask(caller.userId(), conversationId));
    }
}
