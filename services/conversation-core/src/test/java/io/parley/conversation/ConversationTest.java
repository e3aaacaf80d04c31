package io.parley.conversation;

import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTest {
    private static final String ID = "c-1";
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conversation.class);
    }

    private static ConversationCreated created(List<ParticipantSpec> participants) {
        return new ConversationCreated(ID, "alice", "Team", ConversationKind.GROUP, false, null, null,
                HistoryVisibility.SHARED, participants);
    }

    private static ConversationCreated aliceAndBob() {
        return created(List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()),
                new ParticipantSpec("bob", Permissions.defaults())));
    }

    private static SendMessage text(String actor, String messageId, String text) {
        return new SendMessage(ID, actor, messageId, text, null, null, null, null, null, null);
    }

    private static MessageSent sent(String actor, String messageId, String text) {
        return new MessageSent(ID, actor, messageId, text, null, null, List.of(), null, List.of(), null);
    }

    @Nested
    class Create {
        @Test
        void givenNoConversation_WhenCreated_ThenCreatorIsOwnerAndListedFirst() {
            // when
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, "alice", "Team", ConversationKind.GROUP, false, null, null,
                            HistoryVisibility.SHARED, List.of(new ParticipantSpec("bob", null))))
                    // then
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(aliceAndBob())
                    .expectResultMessagePayload(new ConversationCreation(ID, true, 1));
        }

        @Test
        void givenConversation_WhenSameCreatorCreatesAgain_ThenExistingIsReturnedAndNothingAppended() {
            fixture.given(aliceAndBob())
                    .when(new CreateConversation(ID, "alice", "Other title", ConversationKind.GROUP, false, null,
                            null, null, List.of()))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationCreation(ID, false, 1));
        }

        @Test
        void givenConversation_WhenAnotherUserCreatesTheSameId_ThenConflict() {
            fixture.given(aliceAndBob())
                    .when(new CreateConversation(ID, "mallory", null, ConversationKind.GROUP, false, null, null,
                            null, List.of()))
                    .expectNoEvents()
                    .expectException(ConversationRejectedException.class)
                    .expectException(rejection(Rejection.CONFLICT));
        }

        @Test
        void givenNoConversation_WhenDirectWithTwoUsers_ThenCreated() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, "alice", null, ConversationKind.DIRECT, false, null, null,
                            null, List.of(new ParticipantSpec("bob", null))))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ConversationCreated(ID, "alice", null, ConversationKind.DIRECT, false, null,
                            null, HistoryVisibility.SHARED, List.of(
                            new ParticipantSpec("alice", Permissions.ownerPermissions()),
                            new ParticipantSpec("bob", Permissions.defaults()))));
        }

        @Test
        void givenNoConversation_WhenDirectWithThreeUsers_ThenRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, "alice", null, ConversationKind.DIRECT, false, null, null,
                            null, List.of(new ParticipantSpec("bob", null), new ParticipantSpec("carol", null))))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenDirectWithOnlyTheCreator_ThenRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, "alice", null, ConversationKind.DIRECT, false, null, null,
                            null, List.of(new ParticipantSpec("alice", null))))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Send {
        @Test
        void givenParticipant_WhenSends_ThenMessageSentAtNextSequence() {
            fixture.given(aliceAndBob())
                    .when(text("bob", "m-1", "hello"))
                    .expectEvents(sent("bob", "m-1", "hello"))
                    .expectResultMessagePayloadMatching(matches(MessageAccepted.class,
                            accepted -> accepted.sequence() == 2 && accepted.messageId().equals("m-1")));
        }

        @Test
        void givenMessageSent_WhenRetriedWithSameMessageId_ThenOriginalSequenceAndNothingAppended() {
            fixture.given(aliceAndBob(), sent("bob", "m-1", "hello"), sent("alice", "m-2", "hi"))
                    .when(text("bob", "m-1", "hello"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(matches(MessageAccepted.class,
                            accepted -> accepted.sequence() == 2 && accepted.messageId().equals("m-1")));
        }

        @Test
        void givenNoMessageId_WhenSends_ThenServerChoosesOne() {
            fixture.given(aliceAndBob())
                    .when(text("bob", null, "hello"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayloadMatching(matches(MessageAccepted.class,
                            accepted -> accepted.sequence() == 2 && !accepted.messageId().isBlank()));
        }

        @Test
        void givenNonParticipant_WhenSends_ThenNotFound() {
            fixture.given(aliceAndBob())
                    .when(text("mallory", "m-1", "hello"))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.NOT_FOUND));
        }

        @Test
        void givenParticipantWithoutCanWrite_WhenSends_ThenForbidden() {
            Permissions readOnly = new Permissions(false, false, false, false, false, false, false);
            fixture.given(created(List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()),
                            new ParticipantSpec("bob", readOnly))))
                    .when(text("bob", "m-1", "hello"))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.FORBIDDEN));
        }

        @Test
        void givenParticipant_WhenSendsEmptyMessage_ThenRejected() {
            fixture.given(aliceAndBob())
                    .when(text("bob", "m-1", "   "))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenParticipant_WhenSendsOnlyPayload_ThenAccepted() {
            fixture.given(aliceAndBob())
                    .when(new SendMessage(ID, "bob", "m-1", null, "[{\"kind\":\"card\"}]", "{\"a\":1}", null, null,
                            null, null))
                    .expectEvents(new MessageSent(ID, "bob", "m-1", null, "[{\"kind\":\"card\"}]", "{\"a\":1}",
                            List.of(), null, List.of(), null));
        }

        @Test
        void givenParticipant_WhenMentionsNonParticipant_ThenRejected() {
            fixture.given(aliceAndBob())
                    .when(new SendMessage(ID, "bob", "m-1", "hey", null, null, null, null, List.of("carol"), null))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenSends_ThenAggregateNotFound() {
            fixture.givenNoPriorActivity()
                    .when(text("bob", "m-1", "hello"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Read {
        @Test
        void givenMessages_WhenReadAdvances_ThenReadAdvanced() {
            fixture.given(aliceAndBob(), sent("alice", "m-1", "a"), sent("alice", "m-2", "b"))
                    .when(new AdvanceReadHorizon(ID, "bob", 3))
                    .expectEvents(new ReadAdvanced(ID, "bob", "bob", 3))
                    .expectResultMessagePayload(new ReadHorizon(3, 4));
        }

        @Test
        void givenReadHorizon_WhenAdvanceIsNotHigher_ThenIgnored() {
            fixture.given(aliceAndBob(), sent("alice", "m-1", "a"), new ReadAdvanced(ID, "bob", "bob", 2))
                    .when(new AdvanceReadHorizon(ID, "bob", 2))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ReadHorizon(2, 3));
        }

        @Test
        void givenConversation_WhenReadBeyondLastSequence_ThenRejected() {
            fixture.given(aliceAndBob())
                    .when(new AdvanceReadHorizon(ID, "bob", 2))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNonParticipant_WhenReadAdvances_ThenNotFound() {
            fixture.given(aliceAndBob())
                    .when(new AdvanceReadHorizon(ID, "mallory", 1))
                    .expectNoEvents()
                    .expectException(rejection(Rejection.NOT_FOUND));
        }

        @Test
        void givenNoConversation_WhenReadAdvances_ThenAggregateNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new AdvanceReadHorizon(ID, "bob", 1))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Test
    void recentMessageIdsAreBounded() {
        RecentMessageIds ids = new RecentMessageIds();
        for (int i = 0; i < RecentMessageIds.CAPACITY + 500; i++) {
            ids.remember(new MessageAccepted("m-" + i, i + 2, java.time.Instant.EPOCH));
        }
        assertThat(ids.size()).isEqualTo(RecentMessageIds.CAPACITY);
        assertThat(ids.find("m-0")).isNull();
        assertThat(ids.find("m-" + (RecentMessageIds.CAPACITY + 499)).sequence())
                .isEqualTo(RecentMessageIds.CAPACITY + 501);
    }

    private static org.hamcrest.Matcher<Throwable> rejection(Rejection expected) {
        return matches(Throwable.class, t -> t instanceof ConversationRejectedException r
                && r.rejection() == expected);
    }

    private static <T> org.hamcrest.Matcher<T> matches(Class<T> type, java.util.function.Predicate<T> predicate) {
        return new org.hamcrest.TypeSafeMatcher<>(type) {
            @Override
            protected boolean matchesSafely(T item) {
                return predicate.test(item);
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a matching " + type.getSimpleName());
            }
        };
    }
}
