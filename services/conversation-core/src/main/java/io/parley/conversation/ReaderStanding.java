package io.parley.conversation;

import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.ParticipantJoined;
import io.parley.conversation.event.ParticipantLeft;
import io.parley.conversation.event.ParticipantRemoved;
import io.parley.conversation.event.ParticipantsAdded;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.Participation;
import io.parley.conversation.model.ReadableRange;
import io.parley.conversation.model.Visibility;

import java.util.Optional;

/**
 * What {@link Visibility} needs to know about one user in one conversation, folded from the log: whether the
 * conversation exists, the user's latest stay in it ({@code null}: never in), its history visibility and
 * whether it is public. {@link #after} folds one more event, so a reader can start from the aggregate's
 * snapshot and fold only the events after it.
 */
public record ReaderStanding(String userId, boolean exists, Participation participation, HistoryVisibility history,
                             boolean publicJoin) {

    /** Before the conversation's first event. */
    public static ReaderStanding before(String userId) {
        return new ReaderStanding(userId, false, null, HistoryVisibility.SHARED, false);
    }

    /** The standing after {@code event}, the conversation's event number {@code sequence}. */
    public ReaderStanding after(Object event, long sequence) {
        if (event instanceof ConversationCreated created) {
            boolean in = created.participants().stream().anyMatch(p -> p.userId().equals(userId));
            return new ReaderStanding(userId, true, in ? Participation.current(sequence) : null,
                    created.historyVisibility(), created.publicJoin());
        }
        if (event instanceof ConversationEdited edited && edited.publicJoin() != null) {
            return new ReaderStanding(userId, exists, participation, history, edited.publicJoin());
        }
        boolean entered = event instanceof ParticipantsAdded added
                && added.participants().stream().anyMatch(p -> p.userId().equals(userId))
                || event instanceof ParticipantJoined joined && joined.userId().equals(userId);
        if (entered) {
            return new ReaderStanding(userId, exists, Participation.current(sequence), history, publicJoin);
        }
        boolean exited = event instanceof ParticipantLeft left && left.userId().equals(userId)
                || event instanceof ParticipantRemoved removed && removed.userId().equals(userId);
        if (exited && participation != null && participation.current()) {
            return new ReaderStanding(userId, exists,
                    Participation.former(participation.joinedSequence(), sequence), history, publicJoin);
        }
        return this;
    }

    /** What the user may read, by {@link Visibility}; empty when nothing, or when the conversation does not exist. */
    public Optional<ReadableRange> readableRange() {
        return exists ? Visibility.readableRange(participation, history, publicJoin) : Optional.empty();
    }
}
