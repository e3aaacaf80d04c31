package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.Subscribe;
import io.parley.user.command.Unsubscribe;
import io.parley.user.command.UnsubscribeAll;
import io.parley.user.command.UserChanged;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.BOB;
import static io.parley.user.UserFixtures.CAROL;
import static io.parley.user.UserFixtures.DAVE;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.rejectedWith;
import static io.parley.user.UserFixtures.subscribed;
import static io.parley.user.UserFixtures.unsubscribed;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/users/me/subscriptions}: subscribe, unsubscribe some, unsubscribe all. */
class SubscriptionsTest {
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static Subscribe subscribe(String... userIds) {
        return new Subscribe(ALICE, null, List.of(userIds));
    }

    private static Unsubscribe unsubscribe(String... userIds) {
        return new Unsubscribe(ALICE, null, List.of(userIds));
    }

    @Nested
    class SubscribeTo {
        @Test
        void givenNewUser_WhenSubscribing_ThenSubscribedAtSequenceOne() {
            fixture.givenNoPriorActivity()
                    .when(subscribe(BOB, CAROL))
                    .expectEvents(subscribed(BOB, CAROL))
                    .expectResultMessagePayload(new UserChanged(1, true))
                    .expectState(user -> assertThat(user.subscriptions()).containsExactly(BOB, CAROL));
        }

        @Test
        void givenSubscribedToBob_WhenSubscribingToBobAndCarol_ThenOnlyCarolIsNew() {
            fixture.given(subscribed(BOB))
                    .when(subscribe(BOB, CAROL))
                    .expectEvents(subscribed(CAROL))
                    .expectResultMessagePayload(new UserChanged(2, true))
                    .expectState(user -> assertThat(user.subscriptions()).containsExactly(BOB, CAROL));
        }

        @Test
        void givenNewUser_WhenAnIdIsRepeated_ThenItIsSubscribedOnce() {
            fixture.givenNoPriorActivity()
                    .when(subscribe(BOB, CAROL, BOB))
                    .expectEvents(subscribed(BOB, CAROL));
        }

        @Test
        void givenSubscribedToBob_WhenSubscribingToBobAgain_ThenNoEventsAndNotAppended() {
            fixture.given(subscribed(BOB))
                    .when(subscribe(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenNewUser_WhenSubscribingToThemselves_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(subscribe(BOB, ALICE))
                    .expectNoEvents()
                    .expectException(invalidSaying("themselves"));
        }

        @Test
        void givenNewUser_WhenNoIdIsGiven_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(subscribe())
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenOneBelowTheLimit_WhenSubscribingToOneMore_ThenSubscribedUpToTheLimit() {
            fixture(UserLimits.of(3, 1000))
                    .given(subscribed(BOB, CAROL))
                    .when(subscribe(DAVE))
                    .expectEvents(subscribed(DAVE))
                    .expectState(user -> assertThat(user.subscriptions()).hasSize(3));
        }

        @Test
        void givenAtTheLimit_WhenSubscribingToOneMore_ThenValidationFailedNamingTheLimit() {
            fixture(UserLimits.of(3, 1000))
                    .given(subscribed(BOB, CAROL, DAVE))
                    .when(subscribe("erin"))
                    .expectNoEvents()
                    .expectException(invalidSaying("at most 3 subscriptions"));
        }

        @Test
        void givenAtTheLimit_WhenSubscribingToSomeoneAlreadySubscribed_ThenNoEventsRatherThanRejected() {
            fixture(UserLimits.of(3, 1000))
                    .given(subscribed(BOB, CAROL, DAVE))
                    .when(subscribe(BOB))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenOneBelowTheLimit_WhenSubscribingToTwoMore_ThenValidationFailed() {
            fixture(UserLimits.of(3, 1000))
                    .given(subscribed(BOB, CAROL))
                    .when(subscribe(DAVE, "erin"))
                    .expectNoEvents()
                    .expectException(invalidSaying("at most 3 subscriptions"));
        }

        @Test
        void givenSubscribedThenUnsubscribed_WhenSubscribingAgain_ThenSubscribed() {
            fixture.given(subscribed(BOB), unsubscribed(BOB))
                    .when(subscribe(BOB))
                    .expectEvents(subscribed(BOB))
                    .expectResultMessagePayload(new UserChanged(3, true));
        }
    }

    @Nested
    class UnsubscribeFrom {
        @Test
        void givenSubscriptions_WhenUnsubscribingFromSome_ThenOnlyThoseSubscribedAreInTheEvent() {
            fixture.given(subscribed(BOB, CAROL, DAVE))
                    .when(unsubscribe(DAVE, "erin", BOB, DAVE))
                    .expectEvents(unsubscribed(DAVE, BOB))
                    .expectResultMessagePayload(new UserChanged(2, true))
                    .expectState(user -> assertThat(user.subscriptions()).containsExactly(CAROL));
        }

        @Test
        void givenSubscriptions_WhenUnsubscribingFromSomeoneNotSubscribed_ThenNoEventsAndNotAppended() {
            fixture.given(subscribed(BOB))
                    .when(unsubscribe(CAROL))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenNewUser_WhenUnsubscribing_ThenNoEventsAtSequenceZero() {
            fixture.givenNoPriorActivity()
                    .when(unsubscribe(BOB))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(0, false));
        }

        @Test
        void givenSubscriptions_WhenNoIdIsGiven_ThenValidationFailed() {
            fixture.given(subscribed(BOB))
                    .when(unsubscribe())
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenSubscriptions_WhenUnsubscribingFromAll_ThenAllInTheOrderTheyWereMade() {
            fixture.given(subscribed(CAROL), subscribed(BOB, DAVE), unsubscribed(DAVE))
                    .when(new UnsubscribeAll(ALICE, null))
                    .expectEvents(unsubscribed(CAROL, BOB))
                    .expectResultMessagePayload(new UserChanged(4, true))
                    .expectState(user -> assertThat(user.subscriptions()).isEmpty());
        }

        @Test
        void givenNoSubscriptions_WhenUnsubscribingFromAll_ThenNoEventsAndNotAppended() {
            fixture.given(subscribed(BOB), unsubscribed(BOB))
                    .when(new UnsubscribeAll(ALICE, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(2, false));
        }

        @Test
        void givenNewUser_WhenUnsubscribingFromAll_ThenNoEventsAtSequenceZero() {
            fixture.givenNoPriorActivity()
                    .when(new UnsubscribeAll(ALICE, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(0, false));
        }
    }
}
