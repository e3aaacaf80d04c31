package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.AddFavourite;
import io.parley.user.command.ChangeConversationSettings;
import io.parley.user.command.ClearConversation;
import io.parley.user.command.ClearFavourites;
import io.parley.user.command.DropConversation;
import io.parley.user.command.HideMessages;
import io.parley.user.command.RemoveFavourite;
import io.parley.user.command.SetPushEvents;
import io.parley.user.command.Subscribe;
import io.parley.user.command.Unsubscribe;
import io.parley.user.command.UnsubscribeAll;
import io.parley.user.command.UpdateProfile;
import io.parley.user.command.UserChanged;
import io.parley.user.event.FavouritesCleared;
import io.parley.user.event.MessagesHidden;
import io.parley.user.event.ProfileUpdated;
import io.parley.user.model.HiddenMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.BOB;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.CAROL;
import static io.parley.user.UserFixtures.cleared;
import static io.parley.user.UserFixtures.dropped;
import static io.parley.user.UserFixtures.favouriteAdded;
import static io.parley.user.UserFixtures.favouriteRemoved;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.preconditionFailedAt;
import static io.parley.user.UserFixtures.pushed;
import static io.parley.user.UserFixtures.settingsChanged;
import static io.parley.user.UserFixtures.subscribed;
import static io.parley.user.UserFixtures.unsubscribed;

/**
 * {@code If-Match} on a user's private state: a write applies only while the user's stream is still at the
 * sequence the caller saw (0 before any event). Alice is at sequence 3: subscribed to bob, favourited
 * {@code m-1} of {@code c-1}, cleared {@code c-1} up to 4.
 */
class UserConditionalWriteTest {
    private static final long LAST_SEQUENCE = 3;

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private TestExecutor<User> givenAliceAtSequence3() {
        return fixture.given(subscribed(BOB), favouriteAdded(C1, "m-1"), cleared(C1, 4));
    }

    /** Each command, for a given If-Match, and the event it appends when it applies. */
    static Stream<Arguments> writes() {
        HiddenMessage m2 = new HiddenMessage("m-2", 6);
        return Stream.of(
                write("update profile", ifMatch -> new UpdateProfile(ALICE, ifMatch, "Alice", null, null, null),
                        new ProfileUpdated(ALICE, "Alice", null, null, List.of())),
                write("subscribe", ifMatch -> new Subscribe(ALICE, ifMatch, List.of(CAROL)),
                        subscribed(CAROL)),
                write("unsubscribe", ifMatch -> new Unsubscribe(ALICE, ifMatch, List.of(BOB)),
                        unsubscribed(BOB)),
                write("unsubscribe all", ifMatch -> new UnsubscribeAll(ALICE, ifMatch),
                        unsubscribed(BOB)),
                write("push", ifMatch -> new SetPushEvents(ALICE, ifMatch, List.of("message.edited")),
                        pushed("message.edited")),
                write("conversation settings", ifMatch -> new ChangeConversationSettings(ALICE, ifMatch, C1, true,
                                null),
                        settingsChanged(C1, true, null)),
                write("clear", ifMatch -> new ClearConversation(ALICE, ifMatch, C1, 9),
                        cleared(C1, 9)),
                write("drop", ifMatch -> new DropConversation(ALICE, ifMatch, C1, 9),
                        dropped(C1, 9)),
                write("hide", ifMatch -> new HideMessages(ALICE, ifMatch, C1, List.of(m2)),
                        new MessagesHidden(ALICE, C1, List.of(m2))),
                write("add favourite", ifMatch -> new AddFavourite(ALICE, ifMatch, C1, "m-2", 7),
                        favouriteAdded(C1, "m-2")),
                write("remove favourite", ifMatch -> new RemoveFavourite(ALICE, ifMatch, C1, "m-1"),
                        favouriteRemoved(C1, "m-1")),
                write("clear favourites", ifMatch -> new ClearFavourites(ALICE, ifMatch),
                        new FavouritesCleared(ALICE)));
    }

    private static Arguments write(String name, Function<Long, Object> command, Object event) {
        return Arguments.of(name, command, event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenCurrentIfMatch_WhenWriting_ThenAppliedAtTheNextSequence(String name, Function<Long, Object> command,
                                                                      Object event) {
        givenAliceAtSequence3()
                .when(command.apply(LAST_SEQUENCE))
                .expectEvents(event)
                .expectResultMessagePayload(new UserChanged(LAST_SEQUENCE + 1, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenNoIfMatch_WhenWriting_ThenApplied(String name, Function<Long, Object> command, Object event) {
        givenAliceAtSequence3()
                .when(command.apply(null))
                .expectEvents(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenStaleIfMatch_WhenWriting_ThenPreconditionFailedWithLastSequence(String name,
                                                                              Function<Long, Object> command,
                                                                              Object event) {
        givenAliceAtSequence3()
                .when(command.apply(LAST_SEQUENCE - 1))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenIfMatchFromTheFuture_WhenWriting_ThenPreconditionFailedWithLastSequence(String name,
                                                                                      Function<Long, Object> command,
                                                                                      Object event) {
        givenAliceAtSequence3()
                .when(command.apply(LAST_SEQUENCE + 1))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenIfMatchMinusOne_WhenWriting_ThenNeverApplied(String name, Function<Long, Object> command,
                                                           Object event) {
        givenAliceAtSequence3()
                .when(command.apply(-1L))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @Test
    void givenNewUser_WhenIfMatchIsZero_ThenAppliedAsSequenceOne() {
        fixture.givenNoPriorActivity()
                .when(new Subscribe(ALICE, 0L, List.of(BOB)))
                .expectEvents(subscribed(BOB))
                .expectResultMessagePayload(new UserChanged(1, true));
    }

    @Test
    void givenNewUser_WhenIfMatchIsOne_ThenPreconditionFailedAtZero() {
        fixture.givenNoPriorActivity()
                .when(new Subscribe(ALICE, 1L, List.of(BOB)))
                .expectNoEvents()
                .expectException(preconditionFailedAt(0));
    }

    @Test
    void givenCurrentIfMatch_WhenNothingChanges_ThenNotAppendedAtTheSameSequence() {
        givenAliceAtSequence3()
                .when(new AddFavourite(ALICE, LAST_SEQUENCE, C1, "m-1", 7))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(LAST_SEQUENCE, false));
    }

    @Test
    void givenStaleIfMatch_WhenNothingWouldChange_ThenStillPreconditionFailed() {
        givenAliceAtSequence3()
                .when(new AddFavourite(ALICE, LAST_SEQUENCE - 1, C1, "m-1", 7))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @Test
    void givenStaleIfMatch_WhenTheCommandIsAlsoInvalid_ThenPreconditionFailedFirst() {
        givenAliceAtSequence3()
                .when(new ClearConversation(ALICE, LAST_SEQUENCE - 1, C1, 0))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @Test
    void givenCurrentIfMatch_WhenTheCommandIsInvalid_ThenValidationFailedWithoutASequence() {
        givenAliceAtSequence3()
                .when(new ClearConversation(ALICE, LAST_SEQUENCE, C1, 0))
                .expectNoEvents()
                .expectException(UserFixtures.rejectedWith(Rejection.VALIDATION_FAILED));
    }
}
