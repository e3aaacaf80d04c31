package io.parley.conversation;

import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static io.parley.conversation.ConversationFixtures.ADMIN;
import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.DAVE;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.deliveredAdvanced;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.readAdvanced;
import static io.parley.conversation.ConversationFixtures.readSet;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;

/** Read and delivered horizons. Alice sent two messages, so the conversation starts at sequence 3. */
class ReadStateTest {
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new InMemoryMessageDirectory());
    }

    private TestExecutor<Conversation> givenTwoMessages(Object... andThen) {
        return fixture.given(aliceAndBob(), sent(ALICE, "m-1"), sent(ALICE, "m-2")).andGiven(andThen);
    }

    private static AdvanceReadHorizon advance(String userId, long sequence) {
        return new AdvanceReadHorizon(ID, user(userId), null, sequence);
    }

    private static SetReadHorizon set(String userId, long sequence) {
        return new SetReadHorizon(ID, user(userId), null, sequence);
    }

    private static AdvanceDeliveredHorizon delivered(String userId, long sequence) {
        return new AdvanceDeliveredHorizon(ID, user(userId), null, sequence);
    }

    @Nested
    class Advance {
        @Test
        void givenNoHorizon_WhenAdvanced_ThenReadAdvanced() {
            givenTwoMessages()
                    .when(advance(BOB, 3))
                    .expectEvents(readAdvanced(BOB, 3))
                    .expectResultMessagePayload(new ReadHorizon(3, 4, 3));
        }

        @Test
        void givenHorizon_WhenAdvancedHigher_ThenReadAdvanced() {
            givenTwoMessages(readAdvanced(BOB, 2))
                    .when(advance(BOB, 3))
                    .expectEvents(readAdvanced(BOB, 3))
                    .expectResultMessagePayload(new ReadHorizon(3, 5, 3));
        }

        @Test
        void givenHorizon_WhenAdvancedToTheSame_ThenNoEventAndCurrentAnswered() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(advance(BOB, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(3, 4, 3));
        }

        @Test
        void givenHorizon_WhenAdvancedLower_ThenNoEventAndCurrentAnswered() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(advance(BOB, 1))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(3, 4, 3));
        }

        @Test
        void givenOtherParticipantsHorizon_WhenAdvanced_ThenOwnHorizonAdvances() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(advance(ALICE, 3))
                    .expectEvents(readAdvanced(ALICE, 3))
                    .expectResultMessagePayload(new ReadHorizon(3, 5, 3));
        }

        @Test
        void givenParticipantWhoLeftAndCameBack_WhenAdvanced_ThenHorizonStartsAgainFromZero() {
            givenTwoMessages(readAdvanced(BOB, 3), left(BOB), added(ALICE, member(BOB)))
                    .when(advance(BOB, 2))
                    .expectEvents(readAdvanced(BOB, 2))
                    .expectResultMessagePayload(new ReadHorizon(2, 7, 2));
        }

        @ParameterizedTest
        @ValueSource(longs = {4, 100, -1})
        void givenConversation_WhenAdvancedOutsideTheLog_ThenValidationFailed(long sequence) {
            givenTwoMessages()
                    .when(advance(BOB, sequence))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Set {
        @Test
        void givenHorizon_WhenSetBackwards_ThenReadSet() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(set(BOB, 1))
                    .expectEvents(readSet(BOB, 1))
                    .expectResultMessagePayload(new ReadHorizon(1, 5, 1));
        }

        @Test
        void givenHorizon_WhenSetToZero_ThenEverythingUnread() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(set(BOB, 0))
                    .expectEvents(readSet(BOB, 0))
                    .expectResultMessagePayload(new ReadHorizon(0, 5, 0));
        }

        @Test
        void givenNoHorizon_WhenSetForwards_ThenReadSet() {
            givenTwoMessages()
                    .when(set(BOB, 2))
                    .expectEvents(readSet(BOB, 2))
                    .expectResultMessagePayload(new ReadHorizon(2, 4, 2));
        }

        @Test
        void givenHorizon_WhenSetToTheSame_ThenNoEvent() {
            givenTwoMessages(readSet(BOB, 2))
                    .when(set(BOB, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(2, 4, 2));
        }

        @ParameterizedTest
        @ValueSource(longs = {4, -1})
        void givenConversation_WhenSetOutsideTheLog_ThenValidationFailed(long sequence) {
            givenTwoMessages()
                    .when(set(BOB, sequence))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class ReadAll {
        @Test
        void givenUnreadMessages_WhenAllRead_ThenReadAdvancedToLastSequence() {
            givenTwoMessages(readAdvanced(BOB, 1))
                    .when(new MarkAllRead(ID, user(BOB), null))
                    .expectEvents(readAdvanced(BOB, 4))
                    .expectResultMessagePayload(new ReadHorizon(4, 5, 4));
        }

        @Test
        void givenEverythingReadAndOnlyHorizonEventsSince_WhenAllReadAgain_ThenNoEvent() {
            // given: bob read all (event 4), then alice's read event (5) and bob's delivered event (6)
            givenTwoMessages(readAdvanced(BOB, 3), readAdvanced(ALICE, 4), deliveredAdvanced(BOB, 3))
                    // when
                    .when(new MarkAllRead(ID, user(BOB), null))
                    // then: nothing unread, so nothing to append; two clients cannot ping-pong read events
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(3, 6, 3));
        }

        @Test
        void givenEverythingReadThenANewMessage_WhenAllRead_ThenReadAdvanced() {
            givenTwoMessages(readAdvanced(BOB, 3), readAdvanced(ALICE, 4), sent(ALICE, "m-3"))
                    .when(new MarkAllRead(ID, user(BOB), null))
                    .expectEvents(readAdvanced(BOB, 6))
                    .expectResultMessagePayload(new ReadHorizon(6, 7, 6));
        }
    }

    @Nested
    class Delivered {
        @Test
        void givenNoDeliveredHorizon_WhenAdvanced_ThenDeliveredAdvanced() {
            givenTwoMessages(readAdvanced(BOB, 3))
                    .when(delivered(BOB, 3))
                    .expectEvents(deliveredAdvanced(BOB, 3))
                    .expectResultMessagePayload(new ConversationChanged(5, true));
        }

        @Test
        void givenDeliveredHorizon_WhenAdvancedHigher_ThenDeliveredAdvanced() {
            givenTwoMessages(deliveredAdvanced(BOB, 2))
                    .when(delivered(BOB, 3))
                    .expectEvents(deliveredAdvanced(BOB, 3));
        }

        @Test
        void givenDeliveredHorizon_WhenNotHigher_ThenNoEvent() {
            givenTwoMessages(deliveredAdvanced(BOB, 3))
                    .when(delivered(BOB, 3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(4, false));
        }

        @ParameterizedTest
        @ValueSource(longs = {4, -1})
        void givenConversation_WhenDeliveredOutsideTheLog_ThenValidationFailed(long sequence) {
            givenTwoMessages()
                    .when(delivered(BOB, sequence))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    /** Horizons belong to participants: nobody else has one, not even an admin integration. */
    @Nested
    class OnlyParticipants {
        static Stream<Arguments> readCommands() {
            return Stream.of(Actor.user("mallory"), ADMIN).flatMap(actor -> Stream.of(
                    Arguments.of(actor, new AdvanceReadHorizon(ID, actor, null, 1)),
                    Arguments.of(actor, new SetReadHorizon(ID, actor, null, 1)),
                    Arguments.of(actor, new MarkAllRead(ID, actor, null)),
                    Arguments.of(actor, new AdvanceDeliveredHorizon(ID, actor, null, 1))));
        }

        @ParameterizedTest(name = "{1}")
        @MethodSource("readCommands")
        void givenNonParticipant_WhenReadStateCommand_ThenNotFound(Actor actor, Object command) {
            givenTwoMessages()
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenFormerParticipant_WhenAdvanced_ThenNotFound() {
            givenTwoMessages(left(BOB))
                    .when(advance(BOB, 3))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }
    }

    @Nested
    class LateJoinerOfJoinedHistory {
        /** alice, and a history visible from the join only: two messages, then dave added at sequence 4. */
        private TestExecutor<Conversation> givenDaveAddedAfterTwoMessages(Object... andThen) {
            return fixture.given(new ConversationCreated(ID, ALICE, "Team", ConversationKind.GROUP, false, null, null,
                            HistoryVisibility.JOINED, List.of(owner(ALICE))), sent(ALICE, "m-1"), sent(ALICE, "m-2"),
                    added(ALICE, member(DAVE))).andGiven(andThen);
        }

        @Test
        void givenNoHorizon_WhenReadSetToZero_ThenUnreadCountedFromTheJoin() {
            givenDaveAddedAfterTwoMessages(sent(ALICE, "m-3"))
                    .when(set(DAVE, 0))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(0, 5, 3));
        }

        @Test
        void givenHorizonAboveTheJoin_WhenAdvanced_ThenUnreadCountedFromTheHorizon() {
            givenDaveAddedAfterTwoMessages(sent(ALICE, "m-3"), sent(ALICE, "m-4"))
                    .when(advance(DAVE, 5))
                    .expectEvents(readAdvanced(DAVE, 5))
                    .expectResultMessagePayload(new ReadHorizon(5, 7, 5));
        }
    }
}
