package io.parley.eventlog;

import io.parley.avro.UserEventMapper;
import io.parley.conversation.ConversationSequence;
import io.parley.http.JsonText;
import io.parley.user.model.UserStream;
import io.parley.user.event.ProfileUpdated;
import io.parley.user.event.UserEvent;
import io.parley.user.event.UserEventTypes;
import jakarta.inject.Singleton;
import org.apache.avro.generic.IndexedRecord;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A user's stored events as they read them back: the published record's fields, their private data included. */
@Singleton
public class UserEventViews {
    private final UserLog log;
    private final UserEventMapper mapper;
    private final EventViews views;
    private final JsonText json;

    UserEventViews(UserLog log, UserEventMapper mapper, EventViews views, JsonText json) {
        this.log = log;
        this.mapper = mapper;
        this.views = views;
        this.json = json;
    }

    /** The user's events with sequence {@code from..to} (inclusive), at most {@code limit}, oldest first. */
    public List<UserEventView> events(String userId, long from, long to, int limit) {
        List<UserEventView> events = new ArrayList<>();
        log.forEach(userId, from, Math.min(to, from + limit - 1), message -> events.add(of(message)));
        return events;
    }

    public UserEventView of(DomainEventMessage<?> message) {
        UserEvent event = (UserEvent) message.getPayload();
        long sequence = ConversationSequence.fromAxon(message.getSequenceNumber());
        var envelope = mapper.toAvro(event, sequence, message.getIdentifier(), message.getTimestamp());
        Map<String, Object> data = views.data((IndexedRecord) envelope.getPayload());
        if (event instanceof ProfileUpdated profile && profile.privateCustomData() != null) {
            data.put("privateCustomData", json.read(profile.privateCustomData()));
        }
        return new UserEventView(UserStream.userId(message.getAggregateIdentifier()), sequence,
                UserEventTypes.typeOf(event), envelope.getOccurredAt(), data);
    }
}
