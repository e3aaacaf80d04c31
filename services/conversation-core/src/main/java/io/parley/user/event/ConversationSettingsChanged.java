package io.parley.user.event;

/**
 * The user's own settings for one conversation changed: {@code archived}, and {@code notificationLevel}
 * ({@code default} or {@code muted}). A null setting did not change.
 */
public record ConversationSettingsChanged(String userId, String conversationId, Boolean archived,
                                          String notificationLevel) implements UserEvent {
    /** The API and Kafka type of this event. */
    public static final String TYPE = "user.conversation_settings_changed";
}
