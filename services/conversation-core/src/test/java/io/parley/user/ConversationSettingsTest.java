package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.ChangeConversationSettings;
import io.parley.user.command.ClearConversation;
import io.parley.user.command.DropConversation;
import io.parley.user.command.UserChanged;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.C2;
import static io.parley.user.UserFixtures.cleared;
import static io.parley.user.UserFixtures.dropped;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.rejectedWith;
import static io.parley.user.UserFixtures.settingsChanged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/users/me/conversations/{id}}: the user's own settings for a conversation (archived,
 * notification level), clearing its history and dropping it from the recent list, for them only.
 */
class ConversationSettingsTest {
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static ChangeConversationSettings settings(String conversationId, Boolean archived, String level) {
        return new ChangeConversationSettings(ALICE, null, conversationId, archived, level);
    }

    @Nested
    class Settings {
        @Test
        void givenNewUser_WhenNothingSet_ThenNotArchivedAndDefaultLevel() {
            fixture.givenNoPriorActivity()
                    .when(settings(C1, false, "default"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(0, false))
                    .expectState(user -> {
                        assertThat(user.archived(C1)).isFalse();
                        assertThat(user.notificationLevel(C1)).isEqualTo("default");
                    });
        }

        @Test
        void givenNewUser_WhenArchivedAndMuted_ThenBothInTheEvent() {
            fixture.givenNoPriorActivity()
                    .when(settings(C1, true, "muted"))
                    .expectEvents(settingsChanged(C1, true, "muted"))
                    .expectResultMessagePayload(new UserChanged(1, true))
                    .expectState(user -> {
                        assertThat(user.archived(C1)).isTrue();
                        assertThat(user.notificationLevel(C1)).isEqualTo("muted");
                        assertThat(user.archived(C2)).isFalse();
                    });
        }

        @Test
        void givenArchived_WhenArchivedAgainAndMuted_ThenOnlyTheLevelIsInTheEvent() {
            fixture.given(settingsChanged(C1, true, null))
                    .when(settings(C1, true, "muted"))
                    .expectEvents(settingsChanged(C1, null, "muted"));
        }

        @Test
        void givenArchived_WhenArchivedAgain_ThenNoEventsAndNotAppended() {
            fixture.given(settingsChanged(C1, true, null))
                    .when(settings(C1, true, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenArchivedAndMuted_WhenUnarchived_ThenOnlyArchivedChangesAndTheLevelStays() {
            fixture.given(settingsChanged(C1, true, "muted"))
                    .when(settings(C1, false, null))
                    .expectEvents(settingsChanged(C1, false, null))
                    .expectState(user -> {
                        assertThat(user.archived(C1)).isFalse();
                        assertThat(user.notificationLevel(C1)).isEqualTo("muted");
                    });
        }

        @Test
        void givenMutedConversation_WhenAnotherConversationIsMuted_ThenThatOneChanges() {
            fixture.given(settingsChanged(C1, null, "muted"))
                    .when(settings(C2, null, "muted"))
                    .expectEvents(settingsChanged(C2, null, "muted"));
        }

        @Test
        void givenNewUser_WhenNeitherSettingIsGiven_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(settings(C1, null, null))
                    .expectNoEvents()
                    .expectException(invalidSaying("names at least one of archived, notificationLevel"));
        }

        @Test
        void givenNewUser_WhenTheLevelIsUnknown_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(settings(C1, null, "loud"))
                    .expectNoEvents()
                    .expectException(invalidSaying("loud"));
        }

        @Test
        void givenNewUser_WhenNoConversationIsNamed_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(settings(null, true, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Clear {
        @Test
        void givenNewUser_WhenClearingUpToTen_ThenConversationCleared() {
            fixture.givenNoPriorActivity()
                    .when(new ClearConversation(ALICE, null, C1, 10))
                    .expectEvents(cleared(C1, 10))
                    .expectResultMessagePayload(new UserChanged(1, true))
                    .expectState(user -> {
                        assertThat(user.clearedUpTo(C1)).isEqualTo(10);
                        assertThat(user.clearedUpTo(C2)).isZero();
                    });
        }

        @Test
        void givenClearedUpToTen_WhenClearingFurther_ThenConversationCleared() {
            fixture.given(cleared(C1, 10))
                    .when(new ClearConversation(ALICE, null, C1, 11))
                    .expectEvents(cleared(C1, 11))
                    .expectState(user -> assertThat(user.clearedUpTo(C1)).isEqualTo(11));
        }

        @Test
        void givenClearedUpToTen_WhenClearingUpToTen_ThenNoEventsAndNotAppended() {
            fixture.given(cleared(C1, 10))
                    .when(new ClearConversation(ALICE, null, C1, 10))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenClearedUpToTen_WhenClearingLessFar_ThenNoEventsAndTheClearStays() {
            fixture.given(cleared(C1, 10))
                    .when(new ClearConversation(ALICE, null, C1, 4))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false))
                    .expectState(user -> assertThat(user.clearedUpTo(C1)).isEqualTo(10));
        }

        @Test
        void givenNewUser_WhenClearingUpToZero_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(new ClearConversation(ALICE, null, C1, 0))
                    .expectNoEvents()
                    .expectException(invalidSaying("upToSequence"));
        }
    }

    @Nested
    class Drop {
        @Test
        void givenNewUser_WhenDroppingAtTen_ThenConversationDropped() {
            fixture.givenNoPriorActivity()
                    .when(new DropConversation(ALICE, null, C1, 10))
                    .expectEvents(dropped(C1, 10))
                    .expectResultMessagePayload(new UserChanged(1, true))
                    .expectState(user -> assertThat(user.droppedUpTo(C1)).isEqualTo(10));
        }

        @Test
        void givenDroppedAtTen_WhenDroppedAtTenAgain_ThenNoEventsAndNotAppended() {
            fixture.given(dropped(C1, 10))
                    .when(new DropConversation(ALICE, null, C1, 10))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenDroppedAtTen_WhenDroppedAfterNewActivity_ThenConversationDroppedAgain() {
            fixture.given(dropped(C1, 10))
                    .when(new DropConversation(ALICE, null, C1, 12))
                    .expectEvents(dropped(C1, 12))
                    .expectState(user -> assertThat(user.droppedUpTo(C1)).isEqualTo(12));
        }

        @Test
        void givenDroppedAtTen_WhenDroppedAtALowerSequence_ThenThatSequenceReplacesIt() {
            fixture.given(dropped(C1, 10))
                    .when(new DropConversation(ALICE, null, C1, 7))
                    .expectEvents(dropped(C1, 7))
                    .expectState(user -> assertThat(user.droppedUpTo(C1)).isEqualTo(7));
        }

        @Test
        void givenNewUser_WhenDroppingAtZero_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(new DropConversation(ALICE, null, C1, 0))
                    .expectNoEvents()
                    .expectException(invalidSaying("upToSequence"));
        }

        @Test
        void givenClearedAndArchived_WhenDropped_ThenTheOtherSettingsStay() {
            fixture.given(cleared(C1, 5), settingsChanged(C1, true, "muted"))
                    .when(new DropConversation(ALICE, null, C1, 9))
                    .expectEvents(dropped(C1, 9))
                    .expectResultMessagePayload(new UserChanged(3, true))
                    .expectState(user -> {
                        assertThat(user.clearedUpTo(C1)).isEqualTo(5);
                        assertThat(user.archived(C1)).isTrue();
                        assertThat(user.notificationLevel(C1)).isEqualTo("muted");
                        assertThat(user.droppedUpTo(C1)).isEqualTo(9);
                    });
        }
    }
}
