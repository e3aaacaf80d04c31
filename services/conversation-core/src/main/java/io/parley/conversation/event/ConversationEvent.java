package io.parley.conversation.event;

/**
 * Every fact a conversation's log can hold. The list is closed so that the Avro mapping, the
 * projections and the replay filter cannot forget a type: tests walk {@code getPermittedSubclasses()}.
 */
public sealed interface ConversationEvent permits
        ConversationCreated, ConversationEdited, ConversationDeleted,
        ParticipantsAdded, ParticipantRemoved, ParticipantJoined, ParticipantLeft,
        ParticipantPermissionsChanged,
        MessageSent, MessageEdited, MessageRemoved,
        ReadAdvanced, ReadSet, DeliveredAdvanced {

    /** The conversation whose log holds this event. */
    String conversationId();

    /** The user (or integration) that caused it. */
    String actor();
}
