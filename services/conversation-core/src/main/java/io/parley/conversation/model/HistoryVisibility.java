package io.parley.conversation.model;

/** Which part of the history a new participant may read. */
public enum HistoryVisibility {
    /** New participants read the whole history. */
    SHARED,
    /** New participants read from the sequence at which they joined. */
    JOINED
}
