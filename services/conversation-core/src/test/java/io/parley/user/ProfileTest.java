package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.UpdateProfile;
import io.parley.user.command.UserChanged;
import io.parley.user.event.ProfileUpdated;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code PATCH /v1/users/me}: the profile changes only where a value actually changes. */
class ProfileTest {
    private static final ProfileUpdated FULL_PROFILE =
            new ProfileUpdated(ALICE, "Alice", "{\"a\":1}", "{\"p\":1}", List.of());

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static UpdateProfile update(String displayName, String customData, String privateCustomData,
                                        List<String> clear) {
        return new UpdateProfile(ALICE, null, displayName, customData, privateCustomData, clear);
    }

    @Test
    void givenNewUser_WhenEveryFieldIsSet_ThenProfileUpdatedAtSequenceOne() {
        fixture.givenNoPriorActivity()
                .when(update("Alice", "{\"a\":1}", "{\"p\":1}", null))
                .expectEvents(FULL_PROFILE)
                .expectResultMessagePayload(new UserChanged(1, true))
                .expectState(user -> {
                    assertThat(user.userId()).isEqualTo(ALICE);
                    assertThat(user.displayName()).isEqualTo("Alice");
                    assertThat(user.customData()).isEqualTo("{\"a\":1}");
                    assertThat(user.privateCustomData()).isEqualTo("{\"p\":1}");
                });
    }

    @Test
    void givenProfile_WhenOneFieldChangesAndOthersAreRepeated_ThenOnlyTheChangedFieldIsInTheEvent() {
        fixture.given(FULL_PROFILE)
                .when(update("Alice", "{\"a\":2}", "{\"p\":1}", null))
                .expectEvents(new ProfileUpdated(ALICE, null, "{\"a\":2}", null, List.of()))
                .expectResultMessagePayload(new UserChanged(2, true));
    }

    @Test
    void givenProfile_WhenTheSameValuesAreSent_ThenNoEventsAndNotAppended() {
        fixture.given(FULL_PROFILE)
                .when(update("Alice", "{\"a\":1}", "{\"p\":1}", List.of()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(1, false));
    }

    @Test
    void givenProfile_WhenNothingIsSent_ThenNoEvents() {
        fixture.given(FULL_PROFILE)
                .when(update(null, null, null, null))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(1, false));
    }

    @Test
    void givenProfile_WhenFieldsAreCleared_ThenClearedListedInFieldOrderAndRemoved() {
        fixture.given(FULL_PROFILE)
                .when(update(null, null, null, List.of("privateCustomData", "displayName", "customData")))
                .expectEvents(new ProfileUpdated(ALICE, null, null, null,
                        List.of("displayName", "customData", "privateCustomData")))
                .expectState(user -> {
                    assertThat(user.displayName()).isNull();
                    assertThat(user.customData()).isNull();
                    assertThat(user.privateCustomData()).isNull();
                });
    }

    @Test
    void givenOnlyADisplayName_WhenEveryFieldIsCleared_ThenOnlyTheDisplayNameIsCleared() {
        fixture.given(new ProfileUpdated(ALICE, "Alice", null, null, List.of()))
                .when(update(null, null, null, List.of("displayName", "customData", "privateCustomData")))
                .expectEvents(new ProfileUpdated(ALICE, null, null, null, List.of("displayName")));
    }

    @Test
    void givenNewUser_WhenClearingFieldsThatAreNotSet_ThenNoEvents() {
        fixture.givenNoPriorActivity()
                .when(update(null, null, null, List.of("customData")))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(0, false));
    }

    @Test
    void givenProfile_WhenOneFieldIsSetAndAnotherCleared_ThenBothInOneEvent() {
        fixture.given(FULL_PROFILE)
                .when(update("Al", null, null, List.of("privateCustomData")))
                .expectEvents(new ProfileUpdated(ALICE, "Al", null, null, List.of("privateCustomData")))
                .expectState(user -> {
                    assertThat(user.displayName()).isEqualTo("Al");
                    assertThat(user.customData()).isEqualTo("{\"a\":1}");
                    assertThat(user.privateCustomData()).isNull();
                });
    }

    @Test
    void givenProfile_WhenClearingAnUnknownField_ThenValidationFailed() {
        fixture.given(FULL_PROFILE)
                .when(update(null, null, null, List.of("online")))
                .expectNoEvents()
                .expectException(invalidSaying("online"));
    }

    @Test
    void givenProfile_WhenAFieldIsBothSetAndCleared_ThenValidationFailed() {
        fixture.given(FULL_PROFILE)
                .when(update("Al", null, null, List.of("displayName")))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
    }
}
