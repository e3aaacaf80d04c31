package io.parley.conversation.model;

/** A group conversation has any number of participants; a direct one exactly two. */
public enum ConversationKind {
    GROUP,
    DIRECT
}
