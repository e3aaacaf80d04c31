package io.parley.conversation;

import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.CAROL;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.MALLORY;
import static io.parley.conversation.ConversationFixtures.SENT_AT;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.group;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.readAdvanced;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.send;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;

class SendMessageTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");
    private static final Instant LATER = NOW.plusSeconds(3600);
    private static final Media PHOTO = new Media("image", "https://cdn.example/p.jpg", "p.jpg", 2048, "image/jpeg",
            null, "https://cdn.example/p-thumb.jpg", "sunset");

    private InMemoryMessageDirectory directory;
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        directory = new InMemoryMessageDirectory();
        fixture = fixture(directory);
    }

    private static SendMessage sendContent(String messageId, String text, String payload, List<Media> media) {
        return new SendMessage(ID, user(BOB), null, messageId, text, payload, null, media, null, null, null);
    }

    private static MessageSent sentContent(String messageId, String text, String payload, List<Media> media) {
        return new MessageSent(ID, BOB, messageId, text, payload, null, media, null, List.of(), null);
    }

    @Nested
    class Content {
        @Test
        void givenParticipant_WhenSendsText_ThenMessageSentAtNextSequence() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(aliceAndBob())
                    .when(send(BOB, "m-1", "hello"))
                    .expectEvents(sent(BOB, "m-1", "hello"))
                    .expectResultMessagePayload(new MessageAccepted("m-1", 2, NOW));
        }

        @Test
        void givenParticipant_WhenSendsOnlyPayload_ThenMessageSent() {
            fixture.given(aliceAndBob())
                    .when(sendContent("m-1", null, "[{\"kind\":\"card\"}]", null))
                    .expectEvents(sentContent("m-1", null, "[{\"kind\":\"card\"}]", List.of()));
        }

        @Test
        void givenParticipant_WhenSendsOnlyMedia_ThenMessageSent() {
            fixture.given(aliceAndBob())
                    .when(sendContent("m-1", null, null, List.of(PHOTO)))
                    .expectEvents(sentContent("m-1", null, null, List.of(PHOTO)));
        }

        @Test
        void givenParticipant_WhenSendsEverything_ThenTheEventCarriesIt() {
            // given
            directory.store("m-0", 2, ALICE);
            MessageRef original = new MessageRef("c-2", "m-9");

            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)), sent(ALICE, "m-0"))
                    // when
                    .when(new SendMessage(ID, user(BOB), null, "m-1", "see @alice", "[{\"a\":1}]", "{\"b\":2}",
                            List.of(PHOTO), "m-0", List.of(ALICE, CAROL), original))
                    // then
                    .expectEvents(new MessageSent(ID, BOB, "m-1", "see @alice", "[{\"a\":1}]", "{\"b\":2}",
                            List.of(PHOTO), "m-0", List.of(ALICE, CAROL), original));
        }

        @Test
        void givenParticipant_WhenSendsNothing_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(sendContent("m-1", null, null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenParticipant_WhenSendsBlankText_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(sendContent("m-1", "  \n ", null, List.of()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenParticipant_WhenSendsOnlyAttributes_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(new SendMessage(ID, user(BOB), null, "m-1", null, null, "{\"b\":2}", null, null, null,
                            null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Outsiders {
        @Test
        void givenOtherAuthorsMessageId_WhenAnOutsiderSendsWithIt_ThenNotFoundRevealingNothing() {
            fixture(new InMemoryMessageDirectory())
                    .given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(send("mallory", "m-1", "guess"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }
    }

    @Nested
    class MentionsAndReplies {
        private SendMessage mentioning(String userId) {
            return new SendMessage(ID, user(BOB), null, "m-1", "hey", null, null, null, null, List.of(userId), null);
        }

        private SendMessage replyingTo(String messageId) {
            return new SendMessage(ID, user(BOB), null, "m-1", "yes", null, null, null, messageId, null, null);
        }

        @Test
        void givenParticipant_WhenMentionsAParticipant_ThenMessageSent() {
            fixture.given(aliceAndBob())
                    .when(mentioning(ALICE))
                    .expectEvents(new MessageSent(ID, BOB, "m-1", "hey", null, null, List.of(), null,
                            List.of(ALICE), null));
        }

        @Test
        void givenParticipant_WhenMentionsAnOutsider_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(mentioning(MALLORY))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenParticipant_WhenMentionsSomeoneWhoLeft_ThenValidationFailed() {
            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)), left(CAROL))
                    .when(mentioning(CAROL))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenMessageInDirectory_WhenRepliedTo_ThenMessageSent() {
            directory.store("m-0", 2, ALICE);

            fixture.given(aliceAndBob(), sent(ALICE, "m-0"))
                    .when(replyingTo("m-0"))
                    .expectEvents(new MessageSent(ID, BOB, "m-1", "yes", null, null, List.of(), "m-0", List.of(),
                            null));
        }

        @Test
        void givenMessageSentInSameTransactionNotYetInDirectory_WhenRepliedTo_ThenMessageSent() {
            fixture.given(aliceAndBob(), sent(ALICE, "m-0"))
                    .when(replyingTo("m-0"))
                    .expectEvents(new MessageSent(ID, BOB, "m-1", "yes", null, null, List.of(), "m-0", List.of(),
                            null));
        }

        @Test
        void givenNoSuchMessage_WhenRepliedTo_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(replyingTo("m-0"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenMessageOfAnotherConversation_WhenRepliedTo_ThenValidationFailed() {
            directory.store("c-2", "m-0", 2, ALICE, SENT_AT);

            fixture.given(aliceAndBob())
                    .when(replyingTo("m-0"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Retries {
        @Test
        void givenRecentMessage_WhenAuthorRetriesSameId_ThenOriginalAnswerAndNothingAppended() {
            fixture.givenCurrentTime(NOW)
                    .andGiven(aliceAndBob(), sent(BOB, "m-1", "hello"), sent(ALICE, "m-2", "hi"),
                            readAdvanced(BOB, 3))
                    .andGivenCurrentTime(LATER)
                    // when: the response was lost, the client sends again (even with changed text)
                    .when(send(BOB, "m-1", "hello again"))
                    // then
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new MessageAccepted("m-1", 2, NOW));
        }

        @Test
        void givenOldMessageOutsideTheRecentWindow_WhenAuthorRetries_ThenStoredAnswerAndNothingAppended() {
            // given: m-old, then more messages than the aggregate remembers ids of
            directory.store("m-old", 2, BOB);
            List<Object> events = new ArrayList<>();
            events.add(aliceAndBob());
            events.add(sent(BOB, "m-old"));
            for (int i = 0; i < RecentMessageIds.CAPACITY; i++) {
                events.add(sent(ALICE, "m-" + i));
            }

            fixture.given(events)
                    // when
                    .when(send(BOB, "m-old", "hello"))
                    // then
                    .expectNoEvents()
                    .expectResultMessagePayload(new MessageAccepted("m-old", 2, SENT_AT))
                    .expectState(conversation -> assertThat(conversation.lastSequence())
                            .isEqualTo(RecentMessageIds.CAPACITY + 2));
        }

        @Test
        void givenMessageOnlyTheDirectoryKnows_WhenAuthorRetries_ThenStoredAnswerAndNothingAppended() {
            directory.store("m-1", 2, BOB);

            fixture.given(aliceAndBob(), new MessageEdited(ID, BOB, "m-1", "edited", null, null, List.of()))
                    .when(send(BOB, "m-1", "hello"))
                    .expectNoEvents()
                    .expectResultMessagePayload(new MessageAccepted("m-1", 2, SENT_AT));
        }

        @Test
        void givenRecentMessage_WhenAnotherUserSendsSameId_ThenConflict() {
            fixture.given(aliceAndBob(), sent(ALICE, "m-1"))
                    .when(send(BOB, "m-1", "hello"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenMessageInDirectory_WhenAnotherUserSendsSameId_ThenConflict() {
            directory.store("m-1", 2, ALICE);

            fixture.given(aliceAndBob())
                    .when(send(BOB, "m-1", "hello"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenNoMessageId_WhenSends_ThenServerChoosesOne() {
            AtomicReference<String> chosen = new AtomicReference<>();

            fixture.given(aliceAndBob())
                    .when(send(BOB, null, "hello"))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(
                            predicate((Object payload) -> payload instanceof MessageSent message
                                    && message.messageId() != null && !message.messageId().isBlank()
                                    && message.equals(sent(BOB, message.messageId(), "hello"))
                                    && remember(chosen, message.messageId())),
                            andNoMore())))
                    .expectResultMessagePayloadMatching(predicate((MessageAccepted accepted) ->
                            accepted.messageId().equals(chosen.get()) && accepted.sequence() == 2));
        }
    }

    private static boolean remember(AtomicReference<String> holder, String value) {
        holder.set(value);
        return true;
    }
}
