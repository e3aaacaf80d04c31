package io.parley.user.event;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.user.model.HiddenMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user event has its API type; the list of events is closed, so none can be forgotten. */
class UserEventTypesTest {
    /** As the service's event serializer: records by their components, unknown properties ignored. */
    private static final ObjectMapper EVENTS = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Map<Class<?>, UserEvent> SAMPLES = Map.ofEntries(
            sample(new ProfileUpdated("alice", "Alice", "{}", null, List.of("privateCustomData"))),
            sample(new Subscribed("alice", List.of("bob", "carol"))),
            sample(new Unsubscribed("alice", List.of("bob"))),
            sample(new PushSettingsChanged("alice", List.of("message.sent", "read.set"))),
            sample(new ConversationSettingsChanged("alice", "c-1", true, null)),
            sample(new ConversationCleared("alice", "c-1", 7)),
            sample(new ConversationDropped("alice", "c-1", 9)),
            sample(new MessagesHidden("alice", "c-1", List.of(new HiddenMessage("m-1", 2)))),
            sample(new FavouriteAdded("alice", "c-1", "m-1", 7)),
            sample(new FavouriteRemoved("alice", "c-1", "m-1")),
            sample(new FavouritesCleared("alice")));

    private static Map.Entry<Class<?>, UserEvent> sample(UserEvent event) {
        return Map.entry(event.getClass(), event);
    }

    static Stream<Class<?>> eventTypes() {
        return Arrays.stream(UserEvent.class.getPermittedSubclasses());
    }

    @Test
    void everyEventHasAType() {
        assertThat(UserEventTypes.all()).containsExactly(
                "user.profile_updated", "user.subscribed", "user.unsubscribed", "user.push_settings_changed",
                "user.conversation_settings_changed", "user.conversation_cleared", "user.conversation_dropped",
                "user.messages_hidden", "user.favourite_added", "user.favourite_removed", "user.favourites_cleared");
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrderElementsOf(eventTypes().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void theTypeOfAnEventIsItsDeclaredType(Class<?> eventType) throws Exception {
        UserEvent event = SAMPLES.get(eventType);
        String declared = (String) eventType.getField("TYPE").get(null);

        assertThat(UserEventTypes.typeOf(event)).isEqualTo(declared).startsWith("user.");
        assertThat(UserEventTypes.typeOf(eventType)).contains(declared);
    }

    @Test
    void aClassThatIsNoUserEventHasNoType() {
        assertThat(UserEventTypes.typeOf(String.class)).isEmpty();
        assertThat(UserEventTypes.typeOf(UserEvent.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everyEventReadsBackAsItWasWritten(Class<?> eventType) throws Exception {
        UserEvent event = SAMPLES.get(eventType);

        String json = EVENTS.writeValueAsString(event);

        assertThat(EVENTS.readValue(json, eventType)).isEqualTo(event);
        assertThat(json).doesNotContain("TYPE");
    }

    @Test
    void anEventWrittenWithoutItsListReadsBackWithAnEmptyOne() throws Exception {
        ProfileUpdated event = EVENTS.readValue("{\"userId\":\"alice\",\"displayName\":\"Al\"}", ProfileUpdated.class);

        assertThat(event.cleared()).isEmpty();
    }
}
