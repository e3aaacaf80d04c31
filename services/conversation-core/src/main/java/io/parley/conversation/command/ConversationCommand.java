package io.parley.conversation.command;

import io.parley.conversation.model.Actor;

/**
 * What every command on a conversation carries: which one, who asks, and optionally the sequence the
 * caller believes is the last ({@code If-Match}); when the conversation has moved on, nothing is applied.
 */
public interface ConversationCommand {
    String conversationId();

    Actor actor();

    /** The expected last sequence, or null to apply whatever happened meanwhile. */
    Long ifMatch();
}
