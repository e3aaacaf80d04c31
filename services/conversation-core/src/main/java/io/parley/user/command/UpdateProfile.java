package io.parley.user.command;

import io.parley.user.model.UserStream;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Change the user's own profile. A null field is left as it is; a field named in {@code clear}
 * ({@code displayName}, {@code customData}, {@code privateCustomData}) is removed. {@code customData} and
 * {@code privateCustomData} are JSON objects as text, validated and size-checked by the caller.
 * <p>
 * Appends {@code ProfileUpdated} with only what actually changes; nothing when nothing changes.
 * {@code VALIDATION_FAILED} when {@code clear} names another field, or a field that is also given a value.
 */
public record UpdateProfile(String userId, Long ifMatch, String displayName, String customData,
                            String privateCustomData, List<String> clear) implements UserCommand {
    public UpdateProfile {
        clear = clear == null ? List.of() : List.copyOf(clear);
    }

    /** The user's stream, {@code "user/" + userId}: where Axon routes this command. */
    @TargetAggregateIdentifier
    public String aggregateId() {
        return UserStream.aggregateId(userId);
    }
}
