package io.parley.user;

import io.parley.user.model.UserStream;
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
import io.parley.user.command.UserCommand;
import io.parley.user.model.HiddenMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.BOB;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.CAROL;
import static io.parley.user.UserFixtures.favouriteAdded;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.pushed;
import static io.parley.user.UserFixtures.subscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A user's stream: identified as {@code "user/" + userId} in the event store it shares with conversations,
 * stored with the aggregate type {@code User}, and numbered 1, 2, … like a conversation's log.
 */
class UserStreamTest {
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    // ---- identifiers ----

    @Test
    void aUsersAggregateIdIsTheUserIdBehindUserSlash() {
        assertThat(UserStream.aggregateId("alice@example.com")).isEqualTo("user/alice@example.com");
        assertThat(UserStream.userId("user/alice@example.com")).isEqualTo("alice@example.com");
        assertThat(UserStream.userId(UserStream.aggregateId("a:b.c_d-e"))).isEqualTo("a:b.c_d-e");
    }

    @Test
    void aConversationIdIsNoUsersAggregateId() {
        assertThatThrownBy(() -> UserStream.userId("c-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserStream.userId("user")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserStream.userId("user/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserStream.aggregateId("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAggregateTypeIsTheAggregateClassName() {
        assertThat(UserStream.AGGREGATE_TYPE).isEqualTo(User.class.getSimpleName());
    }

    static Stream<UserCommand> everyCommand() {
        return Stream.of(
                new UpdateProfile(ALICE, null, "Alice", null, null, null),
                new Subscribe(ALICE, null, List.of(BOB)),
                new Unsubscribe(ALICE, null, List.of(BOB)),
                new UnsubscribeAll(ALICE, null),
                new SetPushEvents(ALICE, null, List.of()),
                new ChangeConversationSettings(ALICE, null, C1, true, null),
                new ClearConversation(ALICE, null, C1, 1),
                new DropConversation(ALICE, null, C1, 1),
                new HideMessages(ALICE, null, C1, List.of(new HiddenMessage("m-1", 2))),
                new AddFavourite(ALICE, null, C1, "m-1", 7),
                new RemoveFavourite(ALICE, null, C1, "m-1"),
                new ClearFavourites(ALICE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void everyCommandIsRoutedToTheUsersStream(UserCommand command) {
        assertThat(AnnotationCommandTargetResolver.builder().build()
                .resolveTarget(GenericCommandMessage.asCommandMessage(command)).getIdentifier())
                .isEqualTo("user/alice");
    }

    // ---- sequences ----

    @Test
    void givenNewUser_WhenTheFirstChangeIsMade_ThenItIsSequenceOneOfStreamUserSlashAlice() {
        fixture.givenNoPriorActivity()
                .when(new Subscribe(ALICE, null, List.of(BOB)))
                .expectEventsMatching(aDomainEvent("user/alice", 0))
                .expectResultMessagePayload(new UserChanged(1, true))
                .expectState(user -> {
                    assertThat(user.lastSequence()).isEqualTo(1);
                    assertThat(user.userId()).isEqualTo(ALICE);
                });
    }

    @Test
    void givenThreeEvents_WhenAChangeIsMade_ThenItIsSequenceFour() {
        fixture.given(subscribed(BOB), favouriteAdded(C1, "m-1"), pushed())
                .when(new Subscribe(ALICE, null, List.of(CAROL)))
                .expectEventsMatching(aDomainEvent("user/alice", 3))
                .expectResultMessagePayload(new UserChanged(4, true))
                .expectState(user -> assertThat(user.lastSequence()).isEqualTo(4));
    }

    @Test
    void givenThreeEvents_WhenNothingChanges_ThenTheAnswerIsSequenceThree() {
        fixture.given(subscribed(BOB), favouriteAdded(C1, "m-1"), pushed())
                .when(new Subscribe(ALICE, null, List.of(BOB)))
                .expectNoEvents()
                .expectResultMessagePayload(new UserChanged(3, false));
    }

    /** Exactly one event, stored in {@code aggregateId}'s stream of type User at Axon's 0-based {@code sequence}. */
    private static Matcher<List<EventMessage<?>>> aDomainEvent(String aggregateId, long axonSequence) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events, Description mismatch) {
                mismatch.appendText("was ").appendValue(events.stream().map(event -> event instanceof
                        DomainEventMessage<?> domain ? domain.getType() + " " + domain.getAggregateIdentifier()
                        + " #" + domain.getSequenceNumber() : event.toString()).toList());
                return events.size() == 1 && events.get(0) instanceof DomainEventMessage<?> event
                        && aggregateId.equals(event.getAggregateIdentifier())
                        && UserStream.AGGREGATE_TYPE.equals(event.getType())
                        && event.getSequenceNumber() == axonSequence;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("one event of User ").appendValue(aggregateId)
                        .appendText(" at Axon sequence ").appendValue(axonSequence);
            }
        };
    }
}
