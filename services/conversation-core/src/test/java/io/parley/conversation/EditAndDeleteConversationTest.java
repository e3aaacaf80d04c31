package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.ConversationCreation;
import io.parley.conversation.command.CreateConversation;
import io.parley.conversation.command.DeleteConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.JoinConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.model.PermissionChanges;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.FixtureConfiguration;
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
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.aliceDirectWithBob;
import static io.parley.conversation.ConversationFixtures.deleted;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.group;
import static io.parley.conversation.ConversationFixtures.joined;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.publicGroup;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.send;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;

class EditAndDeleteConversationTest {
    private InMemoryMessageDirectory directory;
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        directory = new InMemoryMessageDirectory();
        fixture = fixture(directory);
    }

    private static EditConversation edit(String title, String customData, String uniqueName, Boolean publicJoin,
                                         List<String> clear) {
        return new EditConversation(ID, user(ALICE), null, title, customData, uniqueName, publicJoin, clear);
    }

    @Nested
    class Edit {
        @Test
        void givenGroup_WhenOwnerEditsEveryField_ThenConversationEdited() {
            fixture.given(aliceAndBob())
                    .when(edit("Renamed", "{\"a\":1}", "team-a", true, null))
                    .expectEvents(new ConversationEdited(ID, ALICE, "Renamed", "{\"a\":1}", "team-a", true, List.of()))
                    .expectResultMessagePayload(new ConversationChanged(2, true));
        }

        @Test
        void givenGroup_WhenOwnerEditsOnlyTheTitle_ThenOtherFieldsStayNull() {
            fixture.given(aliceAndBob())
                    .when(edit("Renamed", null, null, null, null))
                    .expectEvents(new ConversationEdited(ID, ALICE, "Renamed", null, null, null, List.of()));
        }

        @Test
        void givenGroup_WhenOwnerClearsFields_ThenClearedFieldsListed() {
            fixture.given(aliceAndBob())
                    .when(edit(null, null, null, null, List.of("title", "customData", "uniqueName")))
                    .expectEvents(new ConversationEdited(ID, ALICE, null, null, null, null,
                            List.of("title", "customData", "uniqueName")))
                    .expectResultMessagePayload(new ConversationChanged(2, true));
        }

        @Test
        void givenGroup_WhenClearingAFieldThatCannotBeRemoved_ThenValidationFailed() {
            fixture.given(aliceAndBob())
                    .when(edit(null, null, null, null, List.of("publicJoin")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenGroup_WhenNothingToChange_ThenNoEventsAndNotAppended() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(null, null, null, null, List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(2, false));
        }

        @Test
        void givenDirect_WhenMadePublic_ThenValidationFailed() {
            fixture.given(aliceDirectWithBob())
                    .when(edit(null, null, null, true, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenDirect_WhenTitleEdited_ThenConversationEdited() {
            fixture.given(aliceDirectWithBob())
                    .when(edit("Us", null, null, null, null))
                    .expectEvents(new ConversationEdited(ID, ALICE, "Us", null, null, null, List.of()));
        }

        @Test
        void givenGroupMadePublicByEdit_WhenOutsiderJoins_ThenJoined() {
            fixture.given(aliceAndBob(), new ConversationEdited(ID, ALICE, null, null, null, true, List.of()))
                    .when(new JoinConversation(ID, user(CAROL), null))
                    .expectEvents(joined(CAROL));
        }

        @Test
        void givenPublicGroupMadePrivateByEdit_WhenOutsiderJoins_ThenNotFound() {
            fixture.given(publicGroup(owner(ALICE)), new ConversationEdited(ID, ALICE, null, null, null, false,
                            List.of()))
                    .when(new JoinConversation(ID, user(CAROL), null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }
    }

    @Nested
    class Delete {
        @Test
        void givenGroup_WhenOwnerDeletes_ThenConversationDeleted() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(new DeleteConversation(ID, user(ALICE), null))
                    .expectEvents(new ConversationDeleted(ID, ALICE))
                    .expectResultMessagePayload(new ConversationChanged(3, true));
        }

        @Test
        void givenDeletedConversation_WhenOwnerDeletesAgain_ThenConflict() {
            fixture.given(aliceAndBob(), deleted(ALICE))
                    .when(new DeleteConversation(ID, user(ALICE), null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        static Stream<Arguments> everyCommand() {
            return Stream.of(
                    Arguments.of("send", send(BOB, "m-2", "hello")),
                    Arguments.of("send by admin", send(ADMIN, null, "m-2", "hello")),
                    Arguments.of("join", new JoinConversation(ID, user(CAROL), null)),
                    Arguments.of("join by participant", new JoinConversation(ID, user(BOB), null)),
                    Arguments.of("leave", new LeaveConversation(ID, user(BOB), null)),
                    Arguments.of("edit", new EditConversation(ID, user(ALICE), null, "x", null, null, null, null)),
                    Arguments.of("delete by admin", new DeleteConversation(ID, ADMIN, null)),
                    Arguments.of("add", new AddParticipants(ID, user(ALICE), null, List.of(member(CAROL)))),
                    Arguments.of("remove participant", new RemoveParticipant(ID, user(ALICE), null, BOB)),
                    Arguments.of("change permissions", new ChangePermissions(ID, user(ALICE), null, BOB,
                            PermissionChanges.replacingWith(Permissions.ownerPermissions()))),
                    Arguments.of("edit message", new EditMessage(ID, user(BOB), null, "m-1", "x", null, null,
                            null)),
                    Arguments.of("remove message", new RemoveMessage(ID, user(BOB), null, "m-1")),
                    Arguments.of("read", new AdvanceReadHorizon(ID, user(BOB), null, 2)),
                    Arguments.of("set read", new SetReadHorizon(ID, user(BOB), null, 1)),
                    Arguments.of("read all", new MarkAllRead(ID, user(BOB), null)),
                    Arguments.of("delivered", new AdvanceDeliveredHorizon(ID, user(BOB), null, 2)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyCommand")
        void givenDeletedConversation_WhenAnyCommand_ThenConflict(String name, Object command) {
            // given
            directory.store("m-1", 2, BOB);

            fixture.given(publicGroup(owner(ALICE), member(BOB)), sent(BOB, "m-1"), deleted(ALICE))
                    // when
                    .when(command)
                    // then
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenDeletedConversation_WhenSameCreatorRepeatsCreate_ThenExistingAnsweredWithoutEvents() {
            fixture.given(group(owner(ALICE)), deleted(ALICE))
                    .when(new CreateConversation(ID, user(ALICE), "Team", null, false,
                            null, null, null, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationCreation(ID, false, 2));
        }
    }
}
