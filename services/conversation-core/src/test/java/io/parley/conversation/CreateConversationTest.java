package io.parley.conversation;

import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.conversation.ConversationFixtures.ADMIN;
import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.CAROL;
import static io.parley.conversation.ConversationFixtures.DAVE;
import static io.parley.conversation.ConversationFixtures.Flag.MANAGE_PARTICIPANTS;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.MALLORY;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.defaultsWith;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.maxParticipants;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

class CreateConversationTest {
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new InMemoryMessageDirectory());
    }

    private static CreateConversation create(Actor actor, ConversationKind kind, boolean publicJoin,
                                             ParticipantSpec... participants) {
        return new CreateConversation(ID, actor, "Team", kind, publicJoin, null, null, null, List.of(participants));
    }

    private static CreateConversation group(Actor actor, ParticipantSpec... participants) {
        return create(actor, ConversationKind.GROUP, false, participants);
    }

    private static ConversationCreated createdEvent(String actor, ConversationKind kind,
                                                    ParticipantSpec... participants) {
        return new ConversationCreated(ID, actor, "Team", kind, false, null, null, HistoryVisibility.SHARED,
                List.of(participants));
    }

    @Nested
    class ByUser {
        @Test
        void givenNoConversation_WhenUserCreatesGroup_ThenCreatorIsOwnerAndFirstParticipant() {
            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), new ParticipantSpec(BOB, null),
                            member(CAROL, defaultsWith(MANAGE_PARTICIPANTS))))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE), member(BOB),
                            member(CAROL, defaultsWith(MANAGE_PARTICIPANTS))))
                    .expectResultMessagePayload(new ConversationCreation(ID, true, 1))
                    .expectState(conversation -> {
                        assertThat(conversation.participantIds()).containsExactly(ALICE, BOB, CAROL);
                        assertThat(conversation.lastSequence()).isEqualTo(1);
                    });
        }

        @Test
        void givenNoConversation_WhenParticipantHasNoPermissions_ThenApiDefaultsApply() {
            // canWrite, canEdit and canRemove own messages; no management, moderation or ownership
            Permissions apiDefaults = new Permissions(true, true, true, false, false, false, false);

            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), new ParticipantSpec(BOB, null)))
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE),
                            new ParticipantSpec(BOB, apiDefaults)));
            assertThat(Permissions.defaults()).isEqualTo(apiDefaults);
            assertThat(Permissions.ownerPermissions().owner()).isTrue();
        }

        @Test
        void givenNoConversation_WhenCreatorAlsoListsThemselves_ThenCreatorStaysOwnerOnce() {
            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), member(BOB), member(ALICE)))
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE), member(BOB)));
        }

        @Test
        void givenNoConversation_WhenParticipantListedTwice_ThenTheFirstMentionCounts() {
            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), member(BOB), member(BOB, defaultsWith(MANAGE_PARTICIPANTS))))
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE), member(BOB)));
        }

        @Test
        void givenNoConversation_WhenCreatedWithAllAttributes_ThenTheEventCarriesThem() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, user(ALICE), "Lobby", ConversationKind.GROUP, true, "lobby",
                            "{\"topic\":\"news\"}", HistoryVisibility.JOINED, List.of()))
                    .expectEvents(new ConversationCreated(ID, ALICE, "Lobby", ConversationKind.GROUP, true, "lobby",
                            "{\"topic\":\"news\"}", HistoryVisibility.JOINED, List.of(owner(ALICE))));
        }

        @Test
        void givenNoConversation_WhenKindAndVisibilityOmitted_ThenSharedGroup() {
            fixture.givenNoPriorActivity()
                    .when(new CreateConversation(ID, user(ALICE), "Team", null, false, null, null, null, null))
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE)));
        }
    }

    @Nested
    class Repeated {
        @Test
        void givenConversation_WhenSameCreatorCreatesAgain_ThenNothingAppendedAndNotCreated() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(group(user(ALICE), member(CAROL)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationCreation(ID, false, 2));
        }

        @Test
        void givenConversation_WhenAnotherUserCreatesSameId_ThenConflict() {
            fixture.given(aliceAndBob())
                    .when(group(user(MALLORY)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenConversation_WhenParticipantCreatesSameId_ThenConflict() {
            fixture.given(aliceAndBob())
                    .when(group(user(BOB)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }
    }

    @Nested
    class Direct {
        @Test
        void givenNoConversation_WhenDirectWithExactlyTwo_ThenCreated() {
            fixture.givenNoPriorActivity()
                    .when(create(user(ALICE), ConversationKind.DIRECT, false, member(BOB)))
                    .expectEvents(createdEvent(ALICE, ConversationKind.DIRECT, owner(ALICE), member(BOB)))
                    .expectResultMessagePayload(new ConversationCreation(ID, true, 1));
        }

        @Test
        void givenNoConversation_WhenDirectWithOnlyTheCreator_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(create(user(ALICE), ConversationKind.DIRECT, false))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenDirectListsOnlyTheCreator_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(create(user(ALICE), ConversationKind.DIRECT, false, member(ALICE)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenDirectWithThree_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(create(user(ALICE), ConversationKind.DIRECT, false, member(BOB), member(CAROL)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenDirectAndPublicJoin_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(create(user(ALICE), ConversationKind.DIRECT, true, member(BOB)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class ParticipantLimit {
        @BeforeEach
        void limitToThree() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));
        }

        @Test
        void givenLimitOfThree_WhenCreatorAddsTwoOthers_ThenCreatedAtTheLimit() {
            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), member(BOB), member(CAROL)))
                    .expectEvents(createdEvent(ALICE, ConversationKind.GROUP, owner(ALICE), member(BOB),
                            member(CAROL)));
        }

        @Test
        void givenLimitOfThree_WhenCreatorAddsThreeOthers_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(group(user(ALICE), member(BOB), member(CAROL), member(DAVE)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenLimitOfThree_WhenAdminCreatesForThree_ThenCreatedAsTheAdminDoesNotCount() {
            fixture.givenNoPriorActivity()
                    .when(group(ADMIN, owner(ALICE), member(BOB), member(CAROL)))
                    .expectEvents(createdEvent(ADMIN.userId(), ConversationKind.GROUP, owner(ALICE), member(BOB),
                            member(CAROL)));
        }
    }

    @Nested
    class ByAdmin {
        @Test
        void givenNoConversation_WhenAdminCreatesWithAnOwner_ThenAdminIsNotAParticipant() {
            fixture.givenNoPriorActivity()
                    .when(group(ADMIN, owner(ALICE), member(BOB)))
                    .expectEvents(createdEvent(ADMIN.userId(), ConversationKind.GROUP, owner(ALICE), member(BOB)))
                    .expectResultMessagePayload(new ConversationCreation(ID, true, 1))
                    .expectState(conversation -> assertThat(conversation.participantIds())
                            .containsExactly(ALICE, BOB));
        }

        @Test
        void givenNoConversation_WhenAdminCreatesWithoutAnOwner_ThenValidationFailed() {
            fixture.givenNoPriorActivity()
                    .when(group(ADMIN, member(ALICE), member(BOB)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenNoConversation_WhenAdminCreatesDirectForTwoUsers_ThenCreatedWithoutTheAdmin() {
            fixture.givenNoPriorActivity()
                    .when(create(ADMIN, ConversationKind.DIRECT, false, owner(ALICE), member(BOB)))
                    .expectEvents(createdEvent(ADMIN.userId(), ConversationKind.DIRECT, owner(ALICE), member(BOB)));
        }

        @Test
        void givenAdminCreatedConversation_WhenAdminCreatesAgain_ThenNothingAppended() {
            fixture.given(createdEvent(ADMIN.userId(), ConversationKind.GROUP, owner(ALICE), member(BOB)))
                    .when(group(ADMIN, owner(ALICE)))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationCreation(ID, false, 1));
        }
    }
}
