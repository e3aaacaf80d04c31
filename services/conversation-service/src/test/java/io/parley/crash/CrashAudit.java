package io.parley.crash;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.crash.RetryingSenders.Acknowledged;
import io.parley.support.PublishedEvents.Published;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a crash test found, compared with what the clients were told: the acknowledgements against the
 * conversations' logs in the event store, and the logs against the topic. Each list names what is wrong;
 * all empty is a pass.
 *
 * @param lost             acknowledged messages that are not at their acknowledged sequence
 * @param gaps             conversations whose log skips a sequence
 * @param storedTwice      messageIds that are in a log more than once
 * @param topicHoles       conversations whose records, duplicates dropped, are not their log's sequences in order
 * @param republishedOther a (conversation, sequence) published again with other bytes than the first time
 * @param publishedOther   a (conversation, sequence) whose first record is not the event the log holds there
 */
record CrashAudit(List<String> lost, List<String> gaps, List<String> storedTwice, List<String> topicHoles,
                  List<String> republishedOther, List<String> publishedOther) {

    static CrashAudit of(Map<String, Acknowledged> acknowledged, Map<String, List<JsonNode>> logs,
                         Map<String, List<Published>> topic) {
        CrashAudit audit = new CrashAudit(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>());
        for (Acknowledged ack : acknowledged.values()) {
            audit.checkKept(ack, logs.get(ack.conversationId()));
        }
        Set<String> stored = new HashSet<>();
        logs.forEach((conversationId, log) -> {
            audit.checkGapless(conversationId, log);
            log.stream().map(CrashAudit::messageId).filter(Objects::nonNull).filter(id -> !stored.add(id))
                    .forEach(id -> audit.storedTwice.add(conversationId + ": " + id));
            audit.checkPublished(conversationId, log, topic.getOrDefault(conversationId, List.of()));
        });
        return audit;
    }

    boolean passed() {
        return lost.isEmpty() && gaps.isEmpty() && storedTwice.isEmpty() && topicHoles.isEmpty()
                && republishedOther.isEmpty() && publishedOther.isEmpty();
    }

    private void checkKept(Acknowledged ack, List<JsonNode> log) {
        String stored = ack.sequence() <= log.size() ? messageId(log.get((int) ack.sequence() - 1)) : null;
        if (!ack.messageId().equals(stored)) {
            lost.add(ack + ": the log holds " + (stored == null ? "no message" : stored) + " there");
        }
    }

    private void checkGapless(String conversationId, List<JsonNode> log) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).get("sequence").asLong() != i + 1) {
                gaps.add(conversationId + ": sequence " + log.get(i).get("sequence") + " at position " + (i + 1));
                return;
            }
        }
    }

    private void checkPublished(String conversationId, List<JsonNode> log, List<Published> records) {
        Map<Long, Published> first = new HashMap<>();
        long last = 0;
        for (Published record : records) {
            Published original = first.putIfAbsent(record.sequence(), record);
            if (original == null && record.sequence() != last + 1) {
                topicHoles.add(conversationId + ": sequence " + record.sequence() + " published right after " + last);
            }
            last = Math.max(last, record.sequence());
            if (original != null && !Arrays.equals(record.value(), original.value())) {
                republishedOther.add(conversationId + " sequence " + record.sequence() + ": event "
                        + record.eventId() + ", first " + original.eventId());
            }
        }
        if (last != log.size()) {
            topicHoles.add(conversationId + ": topic ends at " + last + ", the log at " + log.size());
        }
        for (JsonNode event : log) {
            Published published = first.get(event.get("sequence").asLong());
            if (published != null && !sameEvent(published, event)) {
                publishedOther.add(conversationId + " sequence " + event.get("sequence") + ": topic "
                        + published.payloadType() + " " + messageId(published) + ", log " + event.get("type").asText()
                        + " " + messageId(event));
            }
        }
    }

    private static boolean sameEvent(Published published, JsonNode event) {
        return published.payloadType().equals(event.get("type").asText())
                && Objects.equals(messageId(published), messageId(event));
    }

    static String messageId(JsonNode event) {
        JsonNode data = event.get("data");
        return "message.sent".equals(event.get("type").asText()) && data != null && data.has("messageId")
                ? data.get("messageId").asText() : null;
    }

    private static String messageId(Published record) {
        return "message.sent".equals(record.payloadType()) ? record.payload().get("messageId").toString() : null;
    }
}
