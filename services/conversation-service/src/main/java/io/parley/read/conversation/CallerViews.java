package io.parley.read.conversation;

import io.parley.read.visibility.PrivateMask;
import io.parley.conversation.model.ReadableRange;
import io.parley.read.history.MessageQueries;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The conversation views as one reader may see them, given the part of the log they may read (their
 * readable range, from {@link io.parley.read.visibility.ReaderRanges}: the one visibility rule). A range
 * that ends before the log does is a former participant's: they see the conversation as it was at its end,
 * folded from the log (title, custom data, participants and their horizons, counts, the last message). A
 * range that starts after 1 is a late joiner's: counts and the last message are taken from its start on.
 */
@Singleton
public class CallerViews {
    private final ConversationQueries views;
    private final MessageQueries messages;
    private final ConversationAtSequence history;

    CallerViews(ConversationQueries views, MessageQueries messages, ConversationAtSequence history) {
        this.views = views;
        this.messages = messages;
        this.history = history;
    }

    /**
     * The conversation as the reader of {@code readable} sees it, if the views know it: {@code messageCount} and
     * {@code lastMessageId} leave out what they may not read and what they cleared or deleted for themselves.
     */
    public Optional<ConversationQueries.Conversation> conversation(String id, ReadableRange readable,
                                                                   PrivateMask mask) {
        Optional<ConversationQueries.Conversation> shared = readable.ended()
                ? Optional.of(history.snapshot(id, readable).conversation()) : views.conversation(id);
        if (shared.isEmpty() || ((readable.ended() || readable.from() <= 1) && !messages.masks(mask))) {
            // a former participant's is folded from the log as of their leave, their own range start included
            return shared;
        }
        ConversationQueries.Conversation c = shared.get();
        long from = readable.from();
        long to = c.lastSequence();
        return Optional.of(c.withMessages(messages.messageCount(id, from, to, mask),
                messages.lastMessageId(id, from, to, mask).orElse(null)));
    }

    /** The participants the reader sees, with their horizons (a former participant: as they were at the end). */
    public List<ConversationQueries.Participant> participants(String id, ReadableRange readable) {
        return readable.ended() ? history.snapshot(id, readable).participants() : views.participants(id);
    }

    /** The snapshot at the end of a former participant's range. */
    public ConversationAtSequence.Snapshot snapshot(String id, ReadableRange readable) {
        return history.snapshot(id, readable);
    }

    /**
     * Unread messages: a former participant has none (they cannot move their horizon any more, so a count
     * would stay for ever); a late joiner counts from their join; nobody counts what they cleared or deleted for
     * themselves.
     */
    public long unreadCount(String id, String userId, long lastRead, long upTo, ReadableRange readable,
                            PrivateMask mask) {
        if (readable.ended()) {
            return 0;
        }
        return messages.unreadCount(id, userId, readable.unreadHorizon(lastRead), upTo, mask);
    }
}
