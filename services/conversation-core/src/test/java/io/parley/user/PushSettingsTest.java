package io.parley.user;

import io.parley.user.command.SetPushEvents;
import io.parley.user.command.UserChanged;
import io.parley.user.event.PushSettingsChanged;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.pushed;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code PUT /v1/users/me/push}: which conversation events trigger a push notification. */
class PushSettingsTest {
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static SetPushEvents push(String... events) {
        return new SetPushEvents(ALICE, null, List.of(events));
    }

    @Test
    void givenNewUser_WhenNothingHandled_ThenMessageSentIsPushedByDefault() {
        fixture.givenNoPriorActivity()
                .when(push("message.sent"))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(0, false))
                .expectState(user -> assertThat(user.pushEvents()).containsExactly("message.sent"));
    }

    @Test
    void givenNewUser_WhenOtherEventsAreChosen_ThenPushSettingsChanged() {
        fixture.givenNoPriorActivity()
                .when(push("message.sent", "participants.added"))
                .expectEvents(pushed("message.sent", "participants.added"))
                .expectResultMessagePayload(new UserChanged(1, true))
                .expectState(user -> assertThat(user.pushEvents())
                        .containsExactly("message.sent", "participants.added"));
    }

    @Test
    void givenNewUser_WhenEveryConversationEventIsChosen_ThenAllFourteenAreAccepted() {
        fixture.givenNoPriorActivity()
                .when(new SetPushEvents(ALICE, null, User.PUSHABLE_EVENTS))
                .expectEvents(new PushSettingsChanged(ALICE, User.PUSHABLE_EVENTS));
        assertThat(User.PUSHABLE_EVENTS).hasSize(14).doesNotHaveDuplicates();
    }

    @Test
    void givenPushSettings_WhenNoEventIsChosen_ThenPushIsOff() {
        fixture.given(pushed("message.sent", "message.edited"))
                .when(push())
                .expectEvents(pushed())
                .expectState(user -> assertThat(user.pushEvents()).isEmpty());
    }

    @Test
    void givenNewUser_WhenEventsAreRepeated_ThenDuplicatesCollapse() {
        fixture.givenNoPriorActivity()
                .when(push("read.set", "message.sent", "read.set"))
                .expectEvents(pushed("read.set", "message.sent"));
    }

    @Test
    void givenPushSettings_WhenTheSameSetInAnotherOrder_ThenNoEventsAndNotAppended() {
        fixture.given(pushed("message.sent", "message.edited"))
                .when(push("message.edited", "message.sent", "message.edited"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(1, false));
    }

    @Test
    void givenNewUser_WhenAnUnknownEventIsChosen_ThenValidationFailedNamingIt() {
        fixture.givenNoPriorActivity()
                .when(push("message.sent", "user.subscribed"))
                .expectNoEvents()
                .expectException(invalidSaying("user.subscribed"));
    }

    @Test
    void givenNewUser_WhenAHiddenPlaceholderIsChosen_ThenValidationFailed() {
        fixture.givenNoPriorActivity()
                .when(push("hidden"))
                .expectNoEvents()
                .expectException(invalidSaying("hidden"));
    }
}
