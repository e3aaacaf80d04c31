package io.parley.conversation.command;

/**
 * A participant's read horizon and the conversation's last sequence when it was answered, and the
 * horizon unread messages are counted above ({@code unreadAbove}: the read horizon, or just before the
 * participant's join when history is visible from the join only).
 */
public record ReadHorizon(long lastReadSequence, long lastSequence, long unreadAbove) {
}
