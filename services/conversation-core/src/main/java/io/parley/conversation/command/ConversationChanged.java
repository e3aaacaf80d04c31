package io.parley.conversation.command;

/**
 * The answer to a command that may or may not append: the conversation's last sequence afterwards, and
 * whether this command appended anything (a repeated join, an edit to the same values, … append nothing).
 */
public record ConversationChanged(long lastSequence, boolean appended) {
}
