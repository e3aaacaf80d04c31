package io.parley.schemas;

import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.UserEvent;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What only user events need; {@link SingleObjectCodecTest} covers what every contract guarantees. */
class UserEventCodecTest {

    @Test
    void fillsDefaultsForFieldsTheWriterDidNotHave() throws IOException {
        // given a writer whose ProfileUpdated had neither privateCustomDataChanged nor cleared
        Schema olderSchema = OlderSchemas.withPayloadFieldsRemoved(
                UserEvent.getClassSchema(), "ProfileUpdated", "privateCustomDataChanged", "cleared");
        UserEventCodec withOlder = new UserEventCodec(List.of(
                new SchemaHistory.Version(0, "test", olderSchema), SchemaHistory.USER_EVENTS.load(1)));
        UserEvent event = SampleUserEvents.envelope(1, new ProfileUpdated("Alice", "{}", true, List.of("displayName")));

        // when a record written with it is decoded
        ProfileUpdated decoded = (ProfileUpdated) withOlder
                .decode(OlderSchemas.rewrittenWith(olderSchema, withOlder.encode(event))).getPayload();

        // then the missing fields take their defaults and the others survive
        assertThat(decoded.getPrivateCustomDataChanged()).isFalse();
        assertThat(decoded.getCleared()).isEmpty();
        assertThat(decoded.getDisplayName()).isEqualTo("Alice");
        assertThat(decoded.getCustomData()).isEqualTo("{}");
    }

    @Test
    void noFieldCanHoldThePrivateCustomData() {
        // privateCustomData is only ever published as a flag: see README, "Private custom data"
        String everyName = UserEvent.getClassSchema().toString();

        assertThat(everyName).contains("\"name\":\"privateCustomDataChanged\"")
                .doesNotContain("\"name\":\"privateCustomData\"");
        assertThat(ProfileUpdated.getClassSchema().getField("privateCustomDataChanged").schema().getType())
                .isEqualTo(Schema.Type.BOOLEAN);
    }
}
