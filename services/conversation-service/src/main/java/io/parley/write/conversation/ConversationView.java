package io.parley.write.conversation;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A conversation as answered by create. */
@Serdeable
public record ConversationView(String id, String title, boolean direct, boolean publicJoin, String uniqueName,
                               Object customData, String historyVisibility, Instant createdAt, String createdBy,
                               long lastSequence, int participantCount, List<Map<String, Object>> participants) {
}
