package io.parley.read.visibility;

/**
 * What one user chose not to see of one conversation any more (their private state, never anyone else's):
 * messages sent at or before {@code clearedUpTo} ("clear history for me"), and the messages they deleted for
 * themselves, which {@link PrivateViews#hiddenAmong} names. Applies to message events only: membership and
 * read state stay, so that a replay still rebuilds the conversation.
 */
public record PrivateMask(String userId, String conversationId, long clearedUpTo) {

    /** The first sequence a message may have to be shown: everything before was cleared. */
    public long firstShown() {
        return clearedUpTo + 1;
    }

    /** Whether a message sent at {@code sentSequence} is cleared for the user. */
    public boolean cleared(long sentSequence) {
        return sentSequence <= clearedUpTo;
    }
}
