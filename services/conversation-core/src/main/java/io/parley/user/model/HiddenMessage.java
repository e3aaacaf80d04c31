package io.parley.user.model;

/**
 * A message a user deleted for themselves only: its id, and its sequence in the conversation (resolved
 * by the caller, so that readers can hide the event without looking the message up).
 */
public record HiddenMessage(String messageId, long sequence) {
}
