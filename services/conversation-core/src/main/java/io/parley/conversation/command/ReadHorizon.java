package io.parley.conversation.command;

/** A participant's read horizon and the conversation's last sequence when it was answered. */
public record ReadHorizon(long lastReadSequence, long lastSequence) {
}
