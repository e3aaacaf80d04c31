package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.AddFavourite;
import io.parley.user.command.ClearFavourites;
import io.parley.user.command.RemoveFavourite;
import io.parley.user.command.UserChanged;
import io.parley.user.event.FavouritesCleared;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.C2;
import static io.parley.user.UserFixtures.favouriteAdded;
import static io.parley.user.UserFixtures.favouriteRemoved;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/users/me/favourites}: add, remove, clear. */
class FavouritesTest {
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static AddFavourite add(String conversationId, String messageId) {
        return new AddFavourite(ALICE, null, conversationId, messageId, 7);
    }

    private static RemoveFavourite remove(String conversationId, String messageId) {
        return new RemoveFavourite(ALICE, null, conversationId, messageId);
    }

    /** Favourites sent at sequence 7 (see {@link UserFixtures#favouriteAdded}). */
    @Nested
    class GoneForTheUser {
        @Test
        void givenAFavourite_WhenTheConversationIsClearedUpToItsSequence_ThenItIsNoFavouriteAnyMore() {
            fixture.given(favouriteAdded(C1, "m-1"), favouriteAdded(C2, "m-1"), UserFixtures.cleared(C1, 7))
                    .when(remove(C1, "m-1"))
                    .expectNoEvents()
                    .expectState(user -> {
                        assertThat(user.isFavourite(C1, "m-1")).isFalse();
                        assertThat(user.isFavourite(C2, "m-1")).isTrue();
                        assertThat(user.favouriteCount()).isEqualTo(1);
                    });
        }

        @Test
        void givenAFavourite_WhenClearedUpToBeforeIt_ThenItStays() {
            fixture.given(favouriteAdded(C1, "m-1"), UserFixtures.cleared(C1, 6))
                    .when(add(C1, "m-1"))
                    .expectNoEvents()
                    .expectState(user -> assertThat(user.isFavourite(C1, "m-1")).isTrue());
        }

        @Test
        void givenAFavourite_WhenItsMessageIsDeletedForTheUser_ThenItIsNoFavouriteAndFreesItsPlace() {
            fixture(UserLimits.of(1000, 1))
                    .given(favouriteAdded(C1, "m-1"), new io.parley.user.event.MessagesHidden(ALICE, C1,
                            java.util.List.of(new io.parley.user.model.HiddenMessage("m-1", 7))))
                    .when(add(C1, "m-2"))
                    .expectEvents(favouriteAdded(C1, "m-2"))
                    .expectState(user -> {
                        assertThat(user.isFavourite(C1, "m-1")).isFalse();
                        assertThat(user.favouriteCount()).isEqualTo(1);
                    });
        }

        @Test
        void givenAMessageSequenceBelowOne_WhenFavourited_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(new AddFavourite(ALICE, null, C1, "m-1", 0))
                    .expectNoEvents()
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("at least 1"));
        }
    }

    @Nested
    class Add {
        @Test
        void givenNewUser_WhenAMessageIsFavourited_ThenFavouriteAddedAtSequenceOne() {
            fixture.givenNoPriorActivity()
                    .when(add(C1, "m-1"))
                    .expectEvents(favouriteAdded(C1, "m-1"))
                    .expectResultMessagePayload(new UserChanged(1, true))
                    .expectState(user -> {
                        assertThat(user.isFavourite(C1, "m-1")).isTrue();
                        assertThat(user.isFavourite(C2, "m-1")).isFalse();
                        assertThat(user.favouriteCount()).isEqualTo(1);
                    });
        }

        @Test
        void givenAFavourite_WhenFavouritedAgain_ThenNoEventsAndNotAppended() {
            fixture.given(favouriteAdded(C1, "m-1"))
                    .when(add(C1, "m-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenAFavourite_WhenTheSameMessageIdOfAnotherConversationIsFavourited_ThenFavouriteAdded() {
            fixture.given(favouriteAdded(C1, "m-1"))
                    .when(add(C2, "m-1"))
                    .expectEvents(favouriteAdded(C2, "m-1"))
                    .expectState(user -> assertThat(user.favouriteCount()).isEqualTo(2));
        }

        @Test
        void givenOneBelowTheLimit_WhenOneMoreIsFavourited_ThenFavouriteAddedUpToTheLimit() {
            fixture(UserLimits.of(1000, 2))
                    .given(favouriteAdded(C1, "m-1"))
                    .when(add(C2, "m-1"))
                    .expectEvents(favouriteAdded(C2, "m-1"))
                    .expectState(user -> assertThat(user.favouriteCount()).isEqualTo(2));
        }

        @Test
        void givenAtTheLimit_WhenOneMoreIsFavourited_ThenValidationFailedNamingTheLimit() {
            fixture(UserLimits.of(1000, 2))
                    .given(favouriteAdded(C1, "m-1"), favouriteAdded(C2, "m-1"))
                    .when(add(C1, "m-2"))
                    .expectNoEvents()
                    .expectException(invalidSaying("at most 2 favourites"));
        }

        @Test
        void givenAtTheLimit_WhenAFavouriteIsFavouritedAgain_ThenNoEventsRatherThanRejected() {
            fixture(UserLimits.of(1000, 2))
                    .given(favouriteAdded(C1, "m-1"), favouriteAdded(C2, "m-1"))
                    .when(add(C1, "m-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(2, false));
        }

        @Test
        void givenAtTheLimitThenOneRemoved_WhenAnotherIsFavourited_ThenFavouriteAdded() {
            fixture(UserLimits.of(1000, 2))
                    .given(favouriteAdded(C1, "m-1"), favouriteAdded(C2, "m-1"), favouriteRemoved(C1, "m-1"))
                    .when(add(C1, "m-2"))
                    .expectEvents(favouriteAdded(C1, "m-2"));
        }

        @Test
        void givenNewUser_WhenNoMessageIsNamed_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(add(C1, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Remove {
        @Test
        void givenAFavourite_WhenRemoved_ThenFavouriteRemoved() {
            fixture.given(favouriteAdded(C1, "m-1"), favouriteAdded(C1, "m-2"))
                    .when(remove(C1, "m-1"))
                    .expectEvents(favouriteRemoved(C1, "m-1"))
                    .expectResultMessagePayload(new UserChanged(3, true))
                    .expectState(user -> {
                        assertThat(user.isFavourite(C1, "m-1")).isFalse();
                        assertThat(user.isFavourite(C1, "m-2")).isTrue();
                        assertThat(user.favouriteCount()).isEqualTo(1);
                    });
        }

        @Test
        void givenAFavourite_WhenAnotherMessageIsRemoved_ThenNoEventsAndNotAppended() {
            fixture.given(favouriteAdded(C1, "m-1"))
                    .when(remove(C2, "m-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(1, false));
        }

        @Test
        void givenNewUser_WhenRemovingAFavourite_ThenNoEventsAtSequenceZero() {
            fixture.givenNoPriorActivity()
                    .when(remove(C1, "m-1"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(0, false));
        }

        @Test
        void givenFavourites_WhenCleared_ThenFavouritesCleared() {
            fixture.given(favouriteAdded(C1, "m-1"), favouriteAdded(C2, "m-2"))
                    .when(new ClearFavourites(ALICE, null))
                    .expectEvents(new FavouritesCleared(ALICE))
                    .expectResultMessagePayload(new UserChanged(3, true))
                    .expectState(user -> {
                        assertThat(user.favouriteCount()).isZero();
                        assertThat(user.isFavourite(C1, "m-1")).isFalse();
                    });
        }

        @Test
        void givenNoFavouritesLeft_WhenCleared_ThenNoEventsAndNotAppended() {
            fixture.given(favouriteAdded(C1, "m-1"), favouriteRemoved(C1, "m-1"))
                    .when(new ClearFavourites(ALICE, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new UserChanged(2, false));
        }

        @Test
        void givenFavouritesCleared_WhenFavouritedAgain_ThenFavouriteAdded() {
            fixture.given(favouriteAdded(C1, "m-1"), new FavouritesCleared(ALICE))
                    .when(add(C1, "m-1"))
                    .expectEvents(favouriteAdded(C1, "m-1"));
        }
    }
}
