package io.parley.schemas;

import io.parley.events.conversation.ConversationEvent;
import io.parley.events.conversation.MessageSent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only conversation events need; {@link SingleObjectCodecTest} covers what every contract guarantees.
 */
class ConversationEventCodecTest {

    @Test
    void fillsDefaultsForFieldsTheWriterDidNotHave() throws IOException {
        // given a released version whose MessageSent had neither mentions nor forwardedFrom
        Schema olderSchema = OlderSchemas.withPayloadFieldsRemoved(
                ConversationEvent.getClassSchema(), "MessageSent", "mentions", "forwardedFrom");
        ConversationEventCodec withOlder = new ConversationEventCodec(List.of(
                new SchemaHistory.Version(0, "test", olderSchema), SchemaHistory.CONVERSATION_EVENTS.load(1)));
        ConversationEvent event = SampleEvents.everyPayloadType().stream()
                .filter(e -> e.getPayload() instanceof MessageSent).findFirst().orElseThrow();

        // when a record written with it is decoded
        byte[] bytes = OlderSchemas.rewrittenWith(olderSchema, withOlder.encode(event));
        MessageSent decoded = (MessageSent) withOlder.decode(bytes).getPayload();

        // then the missing fields take their defaults and the others survive
        MessageSent sent = (MessageSent) event.getPayload();
        assertThat(decoded.getMentions()).isEmpty();
        assertThat(decoded.getForwardedFrom()).isNull();
        assertThat(decoded.getText()).isEqualTo(sent.getText());
        assertThat(decoded.getMedia()).isEqualTo(sent.getMedia());
    }

    @Test
    void keepsItsStaticApi() {
        byte[] bytes = new ConversationEventCodec().encode(SampleEvents.everyPayloadType().get(0));

        assertThat(ConversationEventCodec.HEADER_LENGTH).isEqualTo(10);
        assertThat(ConversationEventCodec.fingerprint(ConversationEvent.getClassSchema()))
                .isEqualTo(SchemaHistory.CONVERSATION_EVENTS.latest().fingerprint());
        assertThat(bytes.length).isGreaterThan(ConversationEventCodec.HEADER_LENGTH);
    }
}
