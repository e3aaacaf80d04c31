package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.ReadHorizon;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.CAROL;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.permissionsChanged;
import static io.parley.conversation.ConversationFixtures.readAdvanced;
import static io.parley.conversation.ConversationFixtures.send;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversation sequences are 1-based (creation is 1, then +1 per event) and every answer reports
 * the sequence the conversation is at afterwards. The given log has six events.
 */
class SequenceNumberTest {
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");

    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new InMemoryMessageDirectory());
    }

    private TestExecutor<Conversation> givenSixEvents() {
        return fixture.givenCurrentTime(NOW)
                .andGiven(aliceAndBob(),                                                   // 1
                        sent(ALICE, "m-1"),                                                // 2
                        added(ALICE, member(CAROL)),                                       // 3
                        sent(CAROL, "m-2"),                                                // 4
                        readAdvanced(BOB, 4),                                              // 5
                        new ConversationEdited(ID, ALICE, "Renamed", null, null, null, List.of())); // 6
    }

    @Test
    void givenSixEvents_WhenNothingHandled_ThenLastSequenceIsSix() {
        givenSixEvents()
                .when(new AddParticipants(ID, user(ALICE), null, List.of(member(BOB))))
                .expectNoEvents()
                .expectResultMessagePayload(new ConversationChanged(6, false))
                .expectState(conversation -> assertThat(conversation.lastSequence()).isEqualTo(6));
    }

    @Test
    void givenSixEvents_WhenMessageSent_ThenAcceptedAtSeven() {
        givenSixEvents()
                .when(send(BOB, "m-3", "hi"))
                .expectEvents(sent(BOB, "m-3", "hi"))
                .expectResultMessagePayload(new MessageAccepted("m-3", 7, NOW))
                .expectState(conversation -> assertThat(conversation.lastSequence()).isEqualTo(7));
    }

    @Test
    void givenSixEvents_WhenEdited_ThenChangedAtSeven() {
        givenSixEvents()
                .when(new EditConversation(ID, user(ALICE), null, null, "{}", null, null, null))
                .expectEvents(new ConversationEdited(ID, ALICE, null, "{}", null, null, List.of()))
                .expectResultMessagePayload(new ConversationChanged(7, true));
    }

    @Test
    void givenSixEvents_WhenReadAdvanced_ThenHorizonAnsweredWithSeven() {
        givenSixEvents()
                .when(new AdvanceReadHorizon(ID, user(CAROL), null, 6))
                .expectEvents(readAdvanced(CAROL, 6))
                .expectResultMessagePayload(new ReadHorizon(6, 7, 6));
    }

    @Test
    void givenSixEvents_WhenLastOwnerLeaves_ThenBothEventsCountAndEightIsAnswered() {
        givenSixEvents()
                .when(new LeaveConversation(ID, user(ALICE), null))
                .expectEvents(left(ALICE), permissionsChanged(ALICE, BOB, Permissions.ownerPermissions()))
                .expectResultMessagePayload(new ConversationChanged(8, true));
    }

    @Test
    void givenSixEvents_WhenCreatorRepeatsCreate_ThenExistingAnsweredAtSix() {
        givenSixEvents()
                .when(new CreateConversation(ID, user(ALICE), "Team", null, false, null, null, null, null))
                .expectNoEvents()
                .expectResultMessagePayload(new ConversationCreation(ID, false, 6));
    }

    @Test
    void axonSequenceNumbersAreZeroBasedAndConversationSequencesOneBased() {
        assertThat(ConversationSequence.fromAxon(0)).isEqualTo(1);
        assertThat(ConversationSequence.toAxon(1)).isZero();
        assertThat(ConversationSequence.toAxon(ConversationSequence.fromAxon(41))).isEqualTo(41);
    }
}
