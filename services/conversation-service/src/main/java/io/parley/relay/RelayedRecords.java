package io.parley.relay;

import io.parley.avro.AvroEventMapper;
import io.parley.avro.UserEventMapper;
import io.parley.config.KafkaSettings;
import io.parley.conversation.event.ConversationEvent;
import io.parley.schemas.ConversationEventCodec;
import io.parley.schemas.UserEventCodec;
import io.parley.user.model.UserStream;
import io.parley.user.event.UserEvent;
import io.parley.user.event.UserEventTypes;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.DomainEventMessage;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka record of a stored event: a conversation's on the conversation topic (key = conversation id), a
 * user's on the user topic (key = user id), each in its Avro contract with the headers {@code parley-type} and
 * {@code parley-sequence}.
 */
final class RelayedRecords {
    static final String TYPE_HEADER = "parley-type";
    static final String SEQUENCE_HEADER = "parley-sequence";
    private final AvroEventMapper conversations;
    private final UserEventMapper users;
    private final ConversationEventCodec conversationCodec = new ConversationEventCodec();
    private final UserEventCodec userCodec = new UserEventCodec();
    private final String conversationTopic;
    private final String userTopic;

    RelayedRecords(AvroEventMapper conversations, UserEventMapper users, KafkaSettings kafka) {
        this.conversations = conversations;
        this.users = users;
        this.conversationTopic = kafka.topic();
        this.userTopic = kafka.userTopic();
    }

    /** The record of {@code event}, stored at (1-based) {@code sequence} of its aggregate. */
    ProducerRecord<String, byte[]> of(DomainEventMessage<?> event, long sequence) {
        Object payload = event.getPayload();
        ProducerRecord<String, byte[]> record;
        String type;
        if (payload instanceof ConversationEvent conversationEvent) {
            record = new ProducerRecord<>(conversationTopic, event.getAggregateIdentifier(), conversationCodec.encode(
                    conversations.toAvro(conversationEvent, sequence, event.getIdentifier(), event.getTimestamp())));
            type = AvroEventMapper.typeOf(conversationEvent);
        } else if (payload instanceof UserEvent userEvent) {
            record = new ProducerRecord<>(userTopic, UserStream.userId(event.getAggregateIdentifier()), userCodec.encode(
                    users.toAvro(userEvent, sequence, event.getIdentifier(), event.getTimestamp())));
            type = UserEventTypes.typeOf(userEvent);
        } else {
            throw new IllegalArgumentException("no topic for " + payload.getClass().getName());
        }
        record.headers().add(TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(SEQUENCE_HEADER, Long.toString(sequence).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
