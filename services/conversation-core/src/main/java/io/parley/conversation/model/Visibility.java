package io.parley.conversation.model;

import java.util.Optional;

/**
 * The one rule that decides which part of a conversation's log a user may read (API.md, Identity and
 * access), used by the aggregate and by every read path alike:
 * <ul>
 *   <li>a participant reads the whole log, or from the event that brought them in when history is visible
 *       from the join only ({@link HistoryVisibility#JOINED});</li>
 *   <li>a former participant (left or removed) reads the same start, up to the event that took them out;</li>
 *   <li>anyone else reads the whole log of a public conversation, and nothing of any other.</li>
 * </ul>
 * Admin tokens read everything; that is the caller's concern, not this rule's.
 */
public final class Visibility {
    private Visibility() {
    }

    /**
     * @param participation the user's latest stay in the conversation, or {@code null} if they never were in
     * @return the inclusive range of sequences the user may read; empty if none
     */
    public static Optional<ReadableRange> readableRange(Participation participation, HistoryVisibility history,
                                                        boolean publicJoin) {
        if (participation == null) {
            return publicJoin ? Optional.of(ReadableRange.ALL) : Optional.empty();
        }
        long from = history == HistoryVisibility.JOINED ? participation.joinedSequence() : 1;
        return Optional.of(new ReadableRange(from, participation.current() ? Long.MAX_VALUE
                : participation.leftSequence()));
    }
}
