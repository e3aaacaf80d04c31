package io.parley.conversation;

import io.parley.conversation.command.ConversationChanged;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.event.MessageEdited;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.SENT_AT;
import static io.parley.conversation.ConversationFixtures.aliceAndBob;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.messageRemoved;
import static io.parley.conversation.ConversationFixtures.rejectedWith;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;

/**
 * Editing and removing messages; bob sent {@code m-1} at sequence 2. Who else may edit or remove is
 * covered flag by flag in {@link PermissionsTest}.
 */
class EditAndRemoveMessageTest {
    private InMemoryMessageDirectory directory;
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        directory = new InMemoryMessageDirectory().store("m-1", 2, BOB);
        fixture = fixture(directory);
    }

    private static EditMessage edit(String actor, String messageId, String text, String payload, String attributes,
                                    List<String> clear) {
        return new EditMessage(ID, user(actor), null, messageId, text, payload, attributes, clear);
    }

    private static RemoveMessage remove(String actor, String messageId) {
        return new RemoveMessage(ID, user(actor), null, messageId);
    }

    @Nested
    class Edit {
        @Test
        void givenOwnMessage_WhenAuthorEditsText_ThenMessageEdited() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-1", "hello, fixed", null, null, null))
                    .expectEvents(new MessageEdited(ID, BOB, "m-1", "hello, fixed", null, null, List.of()))
                    .expectResultMessagePayload(new ConversationChanged(3, true));
        }

        @Test
        void givenOwnMessage_WhenAuthorEditsPayloadAndAttributes_ThenMessageEdited() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-1", null, "[{\"a\":1}]", "{\"b\":2}", null))
                    .expectEvents(new MessageEdited(ID, BOB, "m-1", null, "[{\"a\":1}]", "{\"b\":2}", List.of()));
        }

        @Test
        void givenOwnMessage_WhenAuthorClearsFields_ThenClearedFieldsListed() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-1", null, null, null, List.of("payload", "attributes")))
                    .expectEvents(new MessageEdited(ID, BOB, "m-1", null, null, null,
                            List.of("payload", "attributes")));
        }

        @Test
        void givenOwnMessage_WhenClearingAFieldThatCannotBeRemoved_ThenValidationFailed() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-1", null, null, null, List.of("mentions")))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
        }

        @Test
        void givenOwnMessage_WhenNothingToChange_ThenNoEvents() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-1", null, null, null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(2, false));
        }

        @Test
        void givenNoSuchMessage_WhenEdited_ThenNotFound() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-404", "x", null, null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenMessageOfAnotherConversation_WhenEdited_ThenNotFound() {
            directory.store("c-2", "m-2", 7, BOB, SENT_AT);

            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(edit(BOB, "m-2", "x", null, null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }

        @Test
        void givenRemovedMessage_WhenAuthorEdits_ThenConflict() {
            directory.storeRemoved("m-1", 2, BOB);

            fixture.given(aliceAndBob(), sent(BOB, "m-1"), messageRemoved(BOB, "m-1"))
                    .when(edit(BOB, "m-1", "resurrected", null, null, null))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.CONFLICT));
        }

        @Test
        void givenAuthorLeft_WhenOwnerEditsTheirMessage_ThenMessageEdited() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"), left(BOB))
                    .when(edit(ALICE, "m-1", "[redacted]", null, null, null))
                    .expectEvents(new MessageEdited(ID, ALICE, "m-1", "[redacted]", null, null, List.of()));
        }
    }

    @Nested
    class Remove {
        @Test
        void givenOwnMessage_WhenAuthorRemoves_ThenMessageRemoved() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(remove(BOB, "m-1"))
                    .expectEvents(messageRemoved(BOB, "m-1"))
                    .expectResultMessagePayload(new ConversationChanged(3, true));
        }

        @Test
        void givenRemovedMessage_WhenRemovedAgain_ThenNoEvents() {
            directory.storeRemoved("m-1", 2, BOB);

            fixture.given(aliceAndBob(), sent(BOB, "m-1"), messageRemoved(BOB, "m-1"))
                    .when(remove(BOB, "m-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new ConversationChanged(3, false));
        }

        @Test
        void givenNoSuchMessage_WhenRemoved_ThenNotFound() {
            fixture.given(aliceAndBob(), sent(BOB, "m-1"))
                    .when(remove(BOB, "m-404"))
                    .expectNoEvents()
                    .expectException(rejectedWith(Rejection.NOT_FOUND));
        }
    }
}
