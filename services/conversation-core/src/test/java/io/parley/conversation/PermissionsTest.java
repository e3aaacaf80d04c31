package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.DeleteConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.PermissionChanges;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static io.parley.conversation.ConversationFixtures.ADMIN;
import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.CAROL;
import static io.parley.conversation.ConversationFixtures.DAVE;
import static io.parley.conversation.ConversationFixtures.Flag.EDIT;
import static io.parley.conversation.ConversationFixtures.Flag.EDIT_ALL;
import static io.parley.conversation.ConversationFixtures.Flag.MANAGE_PARTICIPANTS;
import static io.parley.conversation.ConversationFixtures.Flag.OWNER;
import static io.parley.conversation.ConversationFixtures.Flag.REMOVE;
import static io.parley.conversation.ConversationFixtures.Flag.REMOVE_ALL;
import static io.parley.conversation.ConversationFixtures.Flag.WRITE;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.MALLORY;
import static io.parley.conversation.ConversationFixtures.acceptedAs;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.defaultsWith;
import static io.parley.conversation.ConversationFixtures.defaultsWithout;
import static io.parley.conversation.ConversationFixtures.deleted;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.group;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.messageRemoved;
import static io.parley.conversation.ConversationFixtures.only;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.permissionsChanged;
import static io.parley.conversation.ConversationFixtures.publicGroup;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.removed;
import static io.parley.conversation.ConversationFixtures.send;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;

/**
 * Every permission flag of the API with a case it allows and a case it denies. Alice owns the
 * conversation, bob's permissions vary per test, carol is a plain participant; bob sent {@code m-bob}
 * (sequence 2) and alice {@code m-alice} (sequence 3).
 */
class PermissionsTest {
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        InMemoryMessageDirectory directory = new InMemoryMessageDirectory()
                .store("m-bob", 2, BOB)
                .store("m-alice", 3, ALICE);
        fixture = fixture(directory);
    }

    private TestExecutor<Conversation> givenBobWith(Permissions bobsPermissions) {
        return fixture.given(group(owner(ALICE), member(BOB, bobsPermissions), member(CAROL)),
                sent(BOB, "m-bob"), sent(ALICE, "m-alice"));
    }

    private static EditMessage editMessage(Actor actor, String messageId) {
        return new EditMessage(ID, actor, null, messageId, "edited", null, null, null);
    }

    private static MessageEdited messageEdited(String actor, String messageId) {
        return new MessageEdited(ID, actor, messageId, "edited", null, null, List.of());
    }

    private static RemoveMessage removeMessage(Actor actor, String messageId) {
        return new RemoveMessage(ID, actor, null, messageId);
    }

    private static AddParticipants add(Actor actor, ParticipantSpec participant) {
        return new AddParticipants(ID, actor, null, List.of(participant));
    }

    private static ChangePermissions change(Actor actor, String userId, Permissions permissions) {
        return new ChangePermissions(ID, actor, null, userId, PermissionChanges.replacingWith(permissions));
    }

    private static EditConversation rename(Actor actor) {
        return new EditConversation(ID, actor, null, "Renamed", null, null, null, null);
    }

    private static ConversationEdited renamed(String actor) {
        return new ConversationEdited(ID, actor, "Renamed", null, null, null, List.of());
    }

    @Nested
    class CanWrite {
        @Test
        void givenCanWrite_WhenSends_ThenMessageSent() {
            givenBobWith(Permissions.defaults())
                    .when(send(BOB, "m-3", "hi"))
                    .expectEvents(sent(BOB, "m-3", "hi"));
        }

        @Test
        void givenNoCanWrite_WhenSends_ThenForbidden() {
            givenBobWith(defaultsWithout(WRITE))
                    .when(send(BOB, "m-3", "hi"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    @Nested
    class CanEdit {
        @Test
        void givenCanEdit_WhenEditsOwnMessage_ThenMessageEdited() {
            givenBobWith(Permissions.defaults())
                    .when(editMessage(user(BOB), "m-bob"))
                    .expectEvents(messageEdited(BOB, "m-bob"));
        }

        @Test
        void givenNoCanEdit_WhenEditsOwnMessage_ThenForbidden() {
            givenBobWith(defaultsWithout(EDIT))
                    .when(editMessage(user(BOB), "m-bob"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenCanEdit_WhenEditsSomeoneElsesMessage_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(editMessage(user(BOB), "m-alice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    @Nested
    class CanRemove {
        @Test
        void givenCanRemove_WhenRemovesOwnMessage_ThenMessageRemoved() {
            givenBobWith(Permissions.defaults())
                    .when(removeMessage(user(BOB), "m-bob"))
                    .expectEvents(messageRemoved(BOB, "m-bob"));
        }

        @Test
        void givenNoCanRemove_WhenRemovesOwnMessage_ThenForbidden() {
            givenBobWith(defaultsWithout(REMOVE))
                    .when(removeMessage(user(BOB), "m-bob"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenCanRemove_WhenRemovesSomeoneElsesMessage_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(removeMessage(user(BOB), "m-alice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    @Nested
    class CanEditAll {
        @Test
        void givenCanEditAll_WhenEditsSomeoneElsesMessage_ThenMessageEdited() {
            givenBobWith(defaultsWith(EDIT_ALL))
                    .when(editMessage(user(BOB), "m-alice"))
                    .expectEvents(messageEdited(BOB, "m-alice"));
        }

        @Test
        void givenCanEditAllWithoutCanEdit_WhenEditsOwnMessage_ThenMessageEdited() {
            givenBobWith(only(EDIT_ALL))
                    .when(editMessage(user(BOB), "m-bob"))
                    .expectEvents(messageEdited(BOB, "m-bob"));
        }

        @Test
        void givenNoCanEditAll_WhenEditsSomeoneElsesMessage_ThenForbidden() {
            givenBobWith(defaultsWith(MANAGE_PARTICIPANTS, REMOVE_ALL))
                    .when(editMessage(user(BOB), "m-alice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    @Nested
    class CanRemoveAll {
        @Test
        void givenCanRemoveAll_WhenRemovesSomeoneElsesMessage_ThenMessageRemoved() {
            givenBobWith(defaultsWith(REMOVE_ALL))
                    .when(removeMessage(user(BOB), "m-alice"))
                    .expectEvents(messageRemoved(BOB, "m-alice"));
        }

        @Test
        void givenCanRemoveAllWithoutCanRemove_WhenRemovesOwnMessage_ThenMessageRemoved() {
            givenBobWith(only(REMOVE_ALL))
                    .when(removeMessage(user(BOB), "m-bob"))
                    .expectEvents(messageRemoved(BOB, "m-bob"));
        }

        @Test
        void givenNoCanRemoveAll_WhenRemovesSomeoneElsesMessage_ThenForbidden() {
            givenBobWith(defaultsWith(MANAGE_PARTICIPANTS, EDIT_ALL))
                    .when(removeMessage(user(BOB), "m-alice"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    @Nested
    class CanManageParticipants {
        private final Permissions manager = defaultsWith(MANAGE_PARTICIPANTS);

        @Test
        void givenManager_WhenAddsParticipant_ThenParticipantsAdded() {
            givenBobWith(manager)
                    .when(add(user(BOB), member(DAVE)))
                    .expectEvents(added(BOB, member(DAVE)));
        }

        @Test
        void givenNoManager_WhenAddsParticipant_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(add(user(BOB), member(DAVE)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenManager_WhenRemovesParticipant_ThenParticipantRemoved() {
            givenBobWith(manager)
                    .when(new RemoveParticipant(ID, user(BOB), null, CAROL))
                    .expectEvents(removed(BOB, CAROL));
        }

        @Test
        void givenNoManager_WhenRemovesParticipant_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(new RemoveParticipant(ID, user(BOB), null, CAROL))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenManager_WhenChangesPermissions_ThenPermissionsChanged() {
            givenBobWith(manager)
                    .when(change(user(BOB), CAROL, defaultsWithout(WRITE)))
                    .expectEvents(permissionsChanged(BOB, CAROL, defaultsWithout(WRITE)));
        }

        @Test
        void givenManager_WhenGrantsAFlagTheyHold_ThenPermissionsChanged() {
            givenBobWith(manager)
                    .when(change(user(BOB), CAROL, defaultsWith(MANAGE_PARTICIPANTS)))
                    .expectEvents(permissionsChanged(BOB, CAROL, defaultsWith(MANAGE_PARTICIPANTS)));
        }

        @Test
        void givenManagerWithoutEditAll_WhenGrantsEditAll_ThenForbidden() {
            givenBobWith(manager)
                    .when(change(user(BOB), CAROL, defaultsWith(EDIT_ALL)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenManager_WhenGivesThemselvesEditAll_ThenForbidden() {
            givenBobWith(manager)
                    .when(change(user(BOB), BOB, defaultsWith(MANAGE_PARTICIPANTS, EDIT_ALL)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenManager_WhenLowersTheirOwnPermissions_ThenPermissionsChanged() {
            givenBobWith(manager)
                    .when(change(user(BOB), BOB, defaultsWithout(WRITE)))
                    .expectEvents(permissionsChanged(BOB, BOB, new Permissions(false, true, true, false, false, false,
                            false)));
        }

        @Test
        void givenOwner_WhenGrantsEditAllToCarol_ThenPermissionsChanged() {
            givenBobWith(manager)
                    .when(change(user(ALICE), CAROL, defaultsWith(EDIT_ALL)))
                    .expectEvents(permissionsChanged(ALICE, CAROL, defaultsWith(EDIT_ALL)));
        }

        @Test
        void givenAChangeNamingOneFlag_WhenApplied_ThenTheOtherFlagsKeepTheirValues() {
            givenBobWith(defaultsWith(EDIT_ALL))
                    .when(new ChangePermissions(ID, user(ALICE), null, BOB,
                            new PermissionChanges(false, null, null, null, null, null, null)))
                    .expectEvents(permissionsChanged(ALICE, BOB, new Permissions(false, true, true, false, true, false,
                            false)));
        }

        @Test
        void givenNoManager_WhenChangesPermissions_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(change(user(BOB), CAROL, defaultsWith(EDIT_ALL)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenNoManager_WhenGrantsThemselvesMore_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(change(user(BOB), BOB, manager))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenManager_WhenEditsConversation_ThenConversationEdited() {
            givenBobWith(manager)
                    .when(rename(user(BOB)))
                    .expectEvents(renamed(BOB));
        }

        @Test
        void givenNoManager_WhenEditsConversation_ThenForbidden() {
            givenBobWith(Permissions.defaults())
                    .when(rename(user(BOB)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenOwnerWithoutTheManageFlag_WhenAddsParticipant_ThenParticipantsAdded() {
            givenBobWith(only(OWNER))
                    .when(add(user(BOB), member(DAVE)))
                    .expectEvents(added(BOB, member(DAVE)));
        }
    }

    @Nested
    class Owner {
        private final Permissions manager = defaultsWith(MANAGE_PARTICIPANTS, EDIT_ALL, REMOVE_ALL);

        @Test
        void givenOwner_WhenDeletes_ThenConversationDeleted() {
            givenBobWith(Permissions.defaults())
                    .when(new DeleteConversation(ID, user(ALICE), null))
                    .expectEvents(deleted(ALICE));
        }

        @Test
        void givenManagerWhoIsNoOwner_WhenDeletes_ThenForbidden() {
            givenBobWith(manager)
                    .when(new DeleteConversation(ID, user(BOB), null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenOwner_WhenGrantsOwner_ThenPermissionsChanged() {
            givenBobWith(Permissions.defaults())
                    .when(change(user(ALICE), CAROL, Permissions.ownerPermissions()))
                    .expectEvents(permissionsChanged(ALICE, CAROL, Permissions.ownerPermissions()));
        }

        @Test
        void givenManagerWhoIsNoOwner_WhenGrantsOwner_ThenForbidden() {
            givenBobWith(manager)
                    .when(change(user(BOB), CAROL, Permissions.ownerPermissions()))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenOwner_WhenAddsAnOwner_ThenParticipantsAdded() {
            givenBobWith(Permissions.defaults())
                    .when(add(user(ALICE), owner(DAVE)))
                    .expectEvents(added(ALICE, owner(DAVE)));
        }

        @Test
        void givenManagerWhoIsNoOwner_WhenAddsAnOwner_ThenForbidden() {
            givenBobWith(manager)
                    .when(add(user(BOB), owner(DAVE)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenTwoOwners_WhenOwnerChangesTheOtherOwnersPermissions_ThenPermissionsChanged() {
            givenBobWith(Permissions.ownerPermissions())
                    .when(change(user(ALICE), BOB, manager))
                    .expectEvents(permissionsChanged(ALICE, BOB, manager));
        }

        @Test
        void givenManagerWhoIsNoOwner_WhenChangesAnOwnersPermissions_ThenForbidden() {
            givenBobWith(manager)
                    .when(change(user(BOB), ALICE, defaultsWith(OWNER)))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }

        @Test
        void givenTwoOwners_WhenOwnerRemovesTheOtherOwner_ThenParticipantRemoved() {
            givenBobWith(Permissions.ownerPermissions())
                    .when(new RemoveParticipant(ID, user(BOB), null, ALICE))
                    .expectEvents(removed(BOB, ALICE));
        }

        @Test
        void givenManagerWhoIsNoOwner_WhenRemovesAnOwner_ThenForbidden() {
            givenBobWith(manager)
                    .when(new RemoveParticipant(ID, user(BOB), null, ALICE))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.FORBIDDEN));
        }
    }

    /** An admin integration is no participant and may do everything a participant could. */
    @Nested
    class Admin {
        private final String ops = ADMIN.userId();

        @Test
        void givenConversation_WhenAdminSends_ThenMessageSent() {
            givenBobWith(Permissions.defaults())
                    .when(send(ADMIN, null, "m-3", "maintenance tonight"))
                    .expectEvents(sent(ops, "m-3", "maintenance tonight"));
        }

        @Test
        void givenConversation_WhenAdminEditsConversation_ThenConversationEdited() {
            givenBobWith(Permissions.defaults())
                    .when(rename(ADMIN))
                    .expectEvents(renamed(ops));
        }

        @Test
        void givenConversation_WhenAdminAddsAnOwner_ThenParticipantsAdded() {
            givenBobWith(Permissions.defaults())
                    .when(add(ADMIN, owner(DAVE)))
                    .expectEvents(added(ops, owner(DAVE)));
        }

        @Test
        void givenConversation_WhenAdminRemovesParticipant_ThenParticipantRemoved() {
            givenBobWith(Permissions.defaults())
                    .when(new RemoveParticipant(ID, ADMIN, null, BOB))
                    .expectEvents(removed(ops, BOB));
        }

        @Test
        void givenConversation_WhenAdminGrantsOwner_ThenPermissionsChanged() {
            givenBobWith(Permissions.defaults())
                    .when(change(ADMIN, BOB, Permissions.ownerPermissions()))
                    .expectEvents(permissionsChanged(ops, BOB, Permissions.ownerPermissions()));
        }

        @Test
        void givenConversation_WhenAdminChangesAnOwnersPermissions_ThenPermissionsChanged() {
            givenBobWith(Permissions.ownerPermissions())
                    .when(change(ADMIN, ALICE, Permissions.defaults()))
                    .expectEvents(permissionsChanged(ops, ALICE, Permissions.defaults()));
        }

        @Test
        void givenConversation_WhenAdminEditsAMessage_ThenMessageEdited() {
            givenBobWith(Permissions.defaults())
                    .when(editMessage(ADMIN, "m-bob"))
                    .expectEvents(messageEdited(ops, "m-bob"));
        }

        @Test
        void givenConversation_WhenAdminRemovesAMessage_ThenMessageRemoved() {
            givenBobWith(Permissions.defaults())
                    .when(removeMessage(ADMIN, "m-bob"))
                    .expectEvents(messageRemoved(ops, "m-bob"));
        }

        @Test
        void givenConversation_WhenAdminDeletes_ThenConversationDeleted() {
            givenBobWith(Permissions.defaults())
                    .when(new DeleteConversation(ID, ADMIN, null))
                    .expectEvents(deleted(ops));
        }
    }

    @Nested
    class NonParticipant {
        static Stream<Arguments> everyParticipantCommand() {
            Actor mallory = user(MALLORY);
            return Stream.of(
                    Arguments.of("send", send(mallory, null, "m-3", "hi")),
                    Arguments.of("edit", rename(mallory)),
                    Arguments.of("delete", new DeleteConversation(ID, mallory, null)),
                    Arguments.of("leave", new LeaveConversation(ID, mallory, null)),
                    Arguments.of("add", add(mallory, member(DAVE))),
                    Arguments.of("remove participant", new RemoveParticipant(ID, mallory, null, CAROL)),
                    Arguments.of("change permissions", change(mallory, CAROL, Permissions.defaults())),
                    Arguments.of("edit message", editMessage(mallory, "m-bob")),
                    Arguments.of("remove message", removeMessage(mallory, "m-bob")),
                    Arguments.of("read", new AdvanceReadHorizon(ID, mallory, null, 1)),
                    Arguments.of("set read", new SetReadHorizon(ID, mallory, null, 1)),
                    Arguments.of("read all", new MarkAllRead(ID, mallory, null)),
                    Arguments.of("delivered", new AdvanceDeliveredHorizon(ID, mallory, null, 1)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyParticipantCommand")
        void givenOutsider_WhenAnyCommand_ThenNotFound(String name, Object command) {
            givenBobWith(Permissions.defaults())
                    .when(command)
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenFormerParticipant_WhenSends_ThenNotFound() {
            fixture.given(group(owner(ALICE), member(BOB)), left(BOB))
                    .when(send(BOB, "m-1", "still there?"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenPublicGroup_WhenOutsiderSendsWithoutJoining_ThenNotFound() {
            fixture.given(publicGroup(owner(ALICE)))
                    .when(send(MALLORY, "m-1", "hi"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenParticipantWhoWasAdded_WhenSends_ThenAccepted() {
            fixture.given(group(owner(ALICE)), added(ALICE, member(DAVE)))
                    .when(send(DAVE, "m-1", "hi"))
                    .expectEvents(sent(DAVE, "m-1", "hi"))
                    .expectResultMessagePayloadMatching(acceptedAs("m-1", 3));
        }
    }
}
