package io.parley.conversation.model;

/**
 * A user's latest time in a conversation: the sequence of the event that brought them in, and of the one
 * that took them out ({@code 0} while they are still in). An earlier stay, before a leave and a re-add, is
 * not kept: re-added, a participant reads as any other participant (API.md, Identity and access).
 */
public record Participation(long joinedSequence, long leftSequence) {
    public static Participation current(long joinedSequence) {
        return new Participation(joinedSequence, 0);
    }

    public static Participation former(long joinedSequence, long leftSequence) {
        return new Participation(joinedSequence, leftSequence);
    }

    public boolean current() {
        return leftSequence == 0;
    }
}
