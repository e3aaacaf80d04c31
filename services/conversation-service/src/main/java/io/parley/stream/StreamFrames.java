package io.parley.stream;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.parley.eventlog.EventView;
import io.parley.eventlog.UserEventView;
import io.parley.read.inbox.InboxViews;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON text of the frames {@code GET /v1/stream} sends (API.md, Live stream). Each frame's {@code type} says what
 * it is ({@code event}, {@code conversation}, {@code user-event}, {@code typing}, {@code presence}, {@code error}); an
 * event carries the fields of the same event in {@code /events} (or {@code userEvents} of {@code /v1/sync}), its own
 * type as {@code eventType}; a conversation carries its {@code /v1/sync} entry.
 */
@Singleton
public class StreamFrames {
    private final JsonMapper json;

    StreamFrames(JsonMapper json) {
        this.json = json;
    }

    String event(String conversationId, EventView event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "event");
        frame.put("conversationId", conversationId);
        frame.put("sequence", event.sequence());
        frame.put("eventType", event.type());
        putIfPresent(frame, "occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        putIfPresent(frame, "actor", event.actor());
        putIfPresent(frame, "data", event.data());
        putIfPresent(frame, "error", event.error());
        return write(frame);
    }

    String userEvent(UserEventView event) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "user-event");
        frame.put("userId", event.userId());
        frame.put("sequence", event.sequence());
        frame.put("eventType", event.type());
        frame.put("occurredAt", event.occurredAt().toString());
        frame.put("data", event.data());
        return write(frame);
    }

    /** A conversation's {@code /v1/sync} entry ({@code id}, {@code lastSequence}, counts, last message, …). */
    String conversation(InboxViews.Entry entry) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "conversation");
        try {
            frame.putAll(json.readValue(json.writeValueAsBytes(entry), Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return write(frame);
    }

    String typing(String conversationId, String userId) {
        return write(frame("typing", "conversationId", conversationId, "userId", userId));
    }

    String presence(String userId, boolean online) {
        return write(frame("presence", "userId", userId, "online", online));
    }

    String error(String code, String detail) {
        return write(frame("error", "code", code, "detail", detail));
    }

    /** An error about one conversation of a resume: which one, and its {@code lastSequence} when the reader may know. */
    String error(String code, String detail, String conversationId, Long lastSequence) {
        Map<String, Object> frame = frame("error", "code", code, "detail", detail, "conversationId", conversationId);
        putIfPresent(frame, "lastSequence", lastSequence);
        return write(frame);
    }

    /** A frame of {@code type} with the given names and values, in that order. */
    private static Map<String, Object> frame(String type, Object... namesAndValues) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            frame.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return frame;
    }

    private static void putIfPresent(Map<String, Object> frame, String name, Object value) {
        if (value != null) {
            frame.put(name, value);
        }
    }

    private String write(Map<String, Object> frame) {
        try {
            return new String(json.writeValueAsBytes(frame), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
