package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.JoinConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.PermissionChanges;
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
import static io.parley.conversation.ConversationFixtures.Flag.EDIT_ALL;
import static io.parley.conversation.ConversationFixtures.Flag.MANAGE_PARTICIPANTS;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.aliceDirectWithBob;
import static io.parley.conversation.ConversationFixtures.defaultsWith;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.group;
import static io.parley.conversation.ConversationFixtures.joined;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.maxParticipants;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.permissionsChanged;
import static io.parley.conversation.ConversationFixtures.publicGroup;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.removed;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

class ParticipantsTest {
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture(new InMemoryMessageDirectory());
    }

    private static JoinConversation join(String userId) {
        return new JoinConversation(ID, user(userId), null);
    }

    private static LeaveConversation leave(String userId) {
        return new LeaveConversation(ID, user(userId), null);
    }

    private static AddParticipants add(String actor, ParticipantSpec... participants) {
        return new AddParticipants(ID, user(actor), null, List.of(participants));
    }

    private static RemoveParticipant remove(Actor actor, String userId) {
        return new RemoveParticipant(ID, actor, null, userId);
    }

    private static ChangePermissions change(Actor actor, String userId, Permissions permissions) {
        return new ChangePermissions(ID, actor, null, userId, PermissionChanges.replacingWith(permissions));
    }

    @Nested
    class Join {
        @Test
        void givenPublicGroup_WhenOutsiderJoins_ThenJoinedWithDefaultPermissions() {
            fixture.given(publicGroup(owner(ALICE)))
                    .when(join(CAROL))
                    .expectEvents(joined(CAROL))
                    .expectResultMessagePayload(new ConversationChanged(2, true))
                    .expectState(conversation -> assertThat(conversation.participantIds())
                            .containsExactly(ALICE, CAROL));
        }

        @Test
        void givenPublicGroup_WhenParticipantJoinsAgain_ThenNoEvent() {
            fixture.given(publicGroup(owner(ALICE), member(BOB)), sent(BOB, "m-1"))
                    .when(join(BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(2, false));
        }

        @Test
        void givenPrivateGroup_WhenOutsiderJoins_ThenNotFound() {
            fixture.given(aliceAndBob())
                    .when(join(CAROL))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenDirect_WhenOutsiderJoins_ThenNotFound() {
            fixture.given(aliceDirectWithBob())
                    .when(join(CAROL))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenFormerParticipantOfPrivateGroup_WhenJoinsAgain_ThenNotFound() {
            fixture.given(aliceAndBob(), left(BOB))
                    .when(join(BOB))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenFormerParticipantOfPublicGroup_WhenJoinsAgain_ThenJoined() {
            fixture.given(publicGroup(owner(ALICE), member(BOB)), left(BOB))
                    .when(join(BOB))
                    .expectEvents(joined(BOB));
        }

        @Test
        void givenRoomForOneMore_WhenOutsiderJoins_ThenJoinedUpToTheLimit() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));

            fixture.given(publicGroup(owner(ALICE), member(BOB)))
                    .when(join(CAROL))
                    .expectEvents(joined(CAROL));
        }

        @Test
        void givenConversationAtTheLimit_WhenOutsiderJoins_ThenValidationFailed() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));

            fixture.given(publicGroup(owner(ALICE), member(BOB), member(CAROL)))
                    .when(join(DAVE))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }
    }

    @Nested
    class Leave {
        @Test
        void givenGroup_WhenParticipantLeaves_ThenParticipantLeft() {
            fixture.given(aliceAndBob())
                    .when(leave(BOB))
                    .expectEvents(left(BOB))
                    .expectResultMessagePayload(new ConversationChanged(2, true))
                    .expectState(conversation -> {
                        assertThat(conversation.participantIds()).containsExactly(ALICE);
                        // bob still reads the log, up to the event that took him out
                        assertThat(conversation.readableRangeFor(BOB))
                                .contains(new io.parley.conversation.model.ReadableRange(1, 2));
                        assertThat(conversation.readableRangeFor("mallory")).isEmpty();
                    });
        }

        @Test
        void givenDirect_WhenParticipantLeaves_ThenValidationFailed() {
            fixture.given(aliceDirectWithBob())
                    .when(leave(BOB))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenGroup_WhenOutsiderLeaves_ThenNotFound() {
            fixture.given(aliceAndBob())
                    .when(leave(CAROL))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenFormerParticipant_WhenLeavesAgain_ThenNotFound() {
            fixture.given(aliceAndBob(), left(BOB))
                    .when(leave(BOB))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenLastOwnerAndOthers_WhenOwnerLeaves_ThenLongestStandingParticipantBecomesOwner() {
            // given: bob left and came back, so carol has been in longest after alice
            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)), left(BOB), added(ALICE, member(BOB)))
                    // when
                    .when(leave(ALICE))
                    // then
                    .expectEvents(left(ALICE), permissionsChanged(ALICE, CAROL, Permissions.ownerPermissions()))
                    .expectResultMessagePayload(new ConversationChanged(5, true))
                    .expectState(conversation -> assertThat(conversation.participantIds())
                            .containsExactly(CAROL, BOB));
        }

        @Test
        void givenTwoOwners_WhenOneLeaves_ThenNoOwnershipChange() {
            fixture.given(group(owner(ALICE), member(BOB), owner(CAROL)))
                    .when(leave(ALICE))
                    .expectEvents(left(ALICE));
        }

        @Test
        void givenOnlyParticipant_WhenLeaves_ThenNobodyInheritsOwnership() {
            fixture.given(group(owner(ALICE)))
                    .when(leave(ALICE))
                    .expectEvents(left(ALICE))
                    .expectState(conversation -> assertThat(conversation.participantCount()).isZero());
        }
    }

    @Nested
    class Add {
        @Test
        void givenGroup_WhenOwnerAddsParticipants_ThenAddedWithDefaultsWhereNoneGiven() {
            fixture.given(aliceAndBob())
                    .when(add(ALICE, new ParticipantSpec(CAROL, null), member(DAVE, defaultsWith(EDIT_ALL))))
                    .expectEvents(added(ALICE, member(CAROL), member(DAVE, defaultsWith(EDIT_ALL))))
                    .expectResultMessagePayload(new ConversationChanged(2, true))
                    .expectState(conversation -> assertThat(conversation.participantIds())
                            .containsExactly(ALICE, BOB, CAROL, DAVE));
        }

        @Test
        void givenGroup_WhenSomeAreAlreadyIn_ThenOnlyNewcomersAddedOnce() {
            fixture.given(aliceAndBob())
                    .when(add(ALICE, member(BOB, defaultsWith(EDIT_ALL)), member(CAROL),
                            member(CAROL, defaultsWith(MANAGE_PARTICIPANTS))))
                    .expectEvents(added(ALICE, member(CAROL)));
        }

        @Test
        void givenGroup_WhenEveryoneIsAlreadyIn_ThenNoEvents() {
            fixture.given(aliceAndBob())
                    .when(add(ALICE, member(BOB)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(1, false));
        }

        @Test
        void givenFormerParticipant_WhenAddedAgain_ThenAdded() {
            fixture.given(aliceAndBob(), left(BOB))
                    .when(add(ALICE, member(BOB)))
                    .expectEvents(added(ALICE, member(BOB)));
        }

        @Test
        void givenDirect_WhenAdding_ThenValidationFailed() {
            fixture.given(aliceDirectWithBob())
                    .when(add(ALICE, member(CAROL)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenRoomForOneMore_WhenOneAdded_ThenAddedUpToTheLimit() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));

            fixture.given(aliceAndBob())
                    .when(add(ALICE, member(CAROL)))
                    .expectEvents(added(ALICE, member(CAROL)));
        }

        @Test
        void givenRoomForOneMore_WhenTwoAdded_ThenValidationFailed() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));

            fixture.given(aliceAndBob())
                    .when(add(ALICE, member(CAROL), member(DAVE)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenConversationAtTheLimit_WhenOnlyExistingParticipantsAdded_ThenNoEvents() {
            fixture = fixture(new InMemoryMessageDirectory(), maxParticipants(3));

            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)))
                    .when(add(ALICE, member(BOB)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    @Nested
    class Remove {
        @Test
        void givenGroup_WhenOwnerRemovesParticipant_ThenParticipantRemoved() {
            fixture.given(aliceAndBob())
                    .when(remove(user(ALICE), BOB))
                    .expectEvents(removed(ALICE, BOB))
                    .expectResultMessagePayload(new ConversationChanged(2, true))
                    .expectState(conversation -> assertThat(conversation.participantIds()).containsExactly(ALICE));
        }

        @Test
        void givenGroup_WhenRemovingSomeoneNotIn_ThenNotFound() {
            fixture.given(aliceAndBob(), left(BOB))
                    .when(remove(user(ALICE), BOB))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenDirect_WhenRemoving_ThenValidationFailed() {
            fixture.given(aliceDirectWithBob())
                    .when(remove(user(ALICE), BOB))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenLastOwnerAndOthers_WhenAdminRemovesTheOwner_ThenLongestStandingParticipantBecomesOwner() {
            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)), left(BOB), added(ALICE, member(BOB)))
                    .when(remove(ADMIN, ALICE))
                    .expectEvents(removed(ADMIN.userId(), ALICE),
                            permissionsChanged(ADMIN.userId(), CAROL, Permissions.ownerPermissions()))
                    .expectResultMessagePayload(new ConversationChanged(5, true));
        }

        @Test
        void givenLastOwnerAndOthers_WhenOwnerRemovesThemselves_ThenLongestStandingParticipantBecomesOwner() {
            fixture.given(group(owner(ALICE), member(BOB), member(CAROL)))
                    .when(remove(user(ALICE), ALICE))
                    .expectEvents(removed(ALICE, ALICE), permissionsChanged(ALICE, BOB,
                            Permissions.ownerPermissions()));
        }

        @Test
        void givenTwoOwners_WhenOneRemovesTheOther_ThenNoOwnershipChange() {
            fixture.given(group(owner(ALICE), member(BOB), owner(CAROL)))
                    .when(remove(user(ALICE), CAROL))
                    .expectEvents(removed(ALICE, CAROL));
        }
    }

    @Nested
    class ChangeOfPermissions {
        @Test
        void givenGroup_WhenOwnerChangesPermissions_ThenPermissionsChanged() {
            fixture.given(aliceAndBob())
                    .when(change(user(ALICE), BOB, defaultsWith(EDIT_ALL)))
                    .expectEvents(permissionsChanged(ALICE, BOB, defaultsWith(EDIT_ALL)))
                    .expectResultMessagePayload(new ConversationChanged(2, true));
        }

        @Test
        void givenGroup_WhenPermissionsAreTheSame_ThenNoEvents() {
            fixture.given(aliceAndBob())
                    .when(change(user(ALICE), BOB, Permissions.defaults()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(1, false));
        }

        @Test
        void givenGroup_WhenChangingSomeoneNotIn_ThenNotFound() {
            fixture.given(aliceAndBob())
                    .when(change(user(ALICE), CAROL, Permissions.defaults()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenLastOwner_WhenOwnerDemotesThemselves_ThenConflict() {
            fixture.given(aliceAndBob())
                    .when(change(user(ALICE), ALICE, Permissions.defaults()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenLastOwner_WhenAdminDemotesTheOwner_ThenConflict() {
            fixture.given(aliceAndBob())
                    .when(change(ADMIN, ALICE, Permissions.defaults()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenTwoOwners_WhenOneDemotesThemselves_ThenPermissionsChanged() {
            fixture.given(group(owner(ALICE), owner(BOB)))
                    .when(change(user(ALICE), ALICE, Permissions.defaults()))
                    .expectEvents(permissionsChanged(ALICE, ALICE, Permissions.defaults()));
        }
    }
}
