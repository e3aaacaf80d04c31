package io.parley.user.command;

/**
 * The answer to every command on a user's private state: the user's last sequence afterwards (0 when the
 * user has no event yet), and whether this command appended anything (favouriting a favourite, archiving
 * an archived conversation, … append nothing).
 */
public record UserChanged(long lastSequence, boolean appended) {
}
