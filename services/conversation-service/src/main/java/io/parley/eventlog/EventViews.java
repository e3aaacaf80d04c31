package io.parley.eventlog;

import io.parley.conversation.ConversationSequence;
import io.parley.conversation.event.ConversationEvent;
import io.parley.http.JsonText;
import io.parley.avro.AvroEventMapper;
import jakarta.inject.Singleton;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns stored events into their JSON form through the published Avro contract, so that an event's
 * {@code data} over HTTP has exactly the fields of its payload record on Kafka.
 */
@Singleton
public class EventViews {
    /** Fields that hold JSON text in Avro and are JSON values over HTTP. */
    private static final Set<String> JSON_TEXT_FIELDS = Set.of("customData", "payload", "attributes");
    private final AvroEventMapper mapper;
    private final JsonText json;

    EventViews(AvroEventMapper mapper, JsonText json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** The API type of a stored event, as far as it is known without reading its payload. */
    public static String typeOf(DomainEventMessage<?> message) {
        try {
            return AvroEventMapper.typeOf(message.getPayloadType()).orElse(EventView.UNREADABLE);
        } catch (RuntimeException unknown) {
            return EventView.UNREADABLE;
        }
    }

    public EventView of(DomainEventMessage<?> message) {
        ConversationEvent event = (ConversationEvent) message.getPayload();
        long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
        var envelope = mapper.toAvro(event, sequence, message.getIdentifier(), message.getTimestamp());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) toJson((IndexedRecord) envelope.getPayload());
        return new EventView(event.conversationId(), sequence, AvroEventMapper.typeOf(event),
                envelope.getOccurredAt(), event.actor(), data, null);
    }

    /**
     * A send or edit of a removed message: its sequence, type, time and actor stay, its {@code data} is only
     * {@code {messageId, redacted: true}}.
     */
    public EventView redacted(DomainEventMessage<?> message, String messageId) {
        ConversationEvent event = (ConversationEvent) message.getPayload();
        long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
        // through the mapper, so that the time has the same precision as on every other event
        var envelope = mapper.toAvro(event, sequence, message.getIdentifier(), message.getTimestamp());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("messageId", messageId);
        data.put("redacted", true);
        return new EventView(event.conversationId(), sequence, AvroEventMapper.typeOf(event),
                envelope.getOccurredAt(), event.actor(), data, null);
    }

    /** An Avro payload record as the {@code data} of an API event: JSON-text fields as JSON values. */
    Map<String, Object> data(IndexedRecord payload) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) toJson(payload);
        return data;
    }

    private Object toJson(IndexedRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            fields.put(field.name(), JSON_TEXT_FIELDS.contains(field.name()) && value != null
                    ? json.read(value.toString())
                    : toJson(value));
        }
        return fields;
    }

    private Object toJson(Object value) {
        if (value instanceof IndexedRecord record) {
            return toJson(record);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(toJson(item)));
            return items;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value;
    }
}
