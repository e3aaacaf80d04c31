package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.command.HideMessages;
import io.parley.user.command.UserChanged;
import io.parley.user.event.MessagesHidden;
import io.parley.user.model.HiddenMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.fixture;
import static io.parley.user.UserFixtures.invalidSaying;
import static io.parley.user.UserFixtures.rejectedWith;

/**
 * {@code POST /v1/users/me/conversations/{id}/hidden}: delete messages for the user only. Hidden ids are
 * not kept in the aggregate, so every request that names messages appends.
 */
class HiddenMessagesTest {
    private static final HiddenMessage M1 = new HiddenMessage("m-1", 2);
    private static final HiddenMessage M2 = new HiddenMessage("m-2", 5);

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = fixture();
    }

    private static HideMessages hide(HiddenMessage... messages) {
        return new HideMessages(ALICE, null, C1, List.of(messages));
    }

    private static MessagesHidden hidden(HiddenMessage... messages) {
        return new MessagesHidden(ALICE, C1, List.of(messages));
    }

    @Test
    void givenNewUser_WhenHidingTwoMessages_ThenMessagesHiddenAtSequenceOne() {
        fixture.givenNoPriorActivity()
                .when(hide(M1, M2))
                .expectEvents(hidden(M1, M2))
                .expectResultMessagePayload(new UserChanged(1, true));
    }

    @Test
    void givenNewUser_WhenAMessageIsRepeated_ThenItIsHiddenOnce() {
        fixture.givenNoPriorActivity()
                .when(hide(M2, M1, M2))
                .expectEvents(hidden(M2, M1));
    }

    @Test
    void givenHiddenMessage_WhenHiddenAgain_ThenAppendedAgain() {
        fixture.given(hidden(M1))
                .when(hide(M1))
                .expectEvents(hidden(M1))
                .expectResultMessagePayload(new UserChanged(2, true));
    }

    @Test
    void givenNewUser_WhenNoMessageIsNamed_ThenValidationFailed() {
        fixture.givenNoPriorActivity()
                .when(hide())
                .expectNoEvents()
                .expectException(invalidSaying("at least one message"));
    }

    @Test
    void givenNewUser_WhenOneMessageComesWithTwoSequences_ThenValidationFailed() {
        fixture.givenNoPriorActivity()
                .when(hide(M1, new HiddenMessage("m-1", 3)))
                .expectNoEvents()
                .expectException(invalidSaying("m-1"));
    }

    @Test
    void givenNewUser_WhenASequenceIsBelowOne_ThenValidationFailed() {
        fixture.givenNoPriorActivity()
                .when(hide(new HiddenMessage("m-1", 0)))
                .expectNoEvents()
                .expectException(rejectedWith(Rejection.VALIDATION_FAILED));
    }

    @Test
    void givenNewUser_WhenAMessageHasNoId_ThenValidationFailed() {
        fixture.givenNoPriorActivity()
                .when(hide(new HiddenMessage(null, 2)))
                .expectNoEvents()
                .expectException(invalidSaying("messageId"));
    }
}
