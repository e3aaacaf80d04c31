package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The user's own settings for one conversation: {@code archived} and {@code notificationLevel}
 * ({@code default} or {@code muted}); null leaves a setting as it is. Defaults: not archived,
 * {@code default}. Appends {@code ConversationSettingsChanged} with the settings that change (the others
 * null); nothing when none does. {@code VALIDATION_FAILED} when both are null or the level is another word.
 * The caller checks that the user may see the conversation.
 */
public record ChangeConversationSettings(String userId, Long ifMatch, String conversationId, Boolean archived,
                                         String notificationLevel) implements UserCommand {
    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
