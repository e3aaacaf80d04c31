package io.parley.conversation;

import io.parley.conversation.command.AddParticipants;
import io.parley.conversation.command.AdvanceDeliveredHorizon;
import io.parley.conversation.command.AdvanceReadHorizon;
import io.parley.conversation.command.ChangePermissions;
import io.parley.conversation.command.DeleteConversation;
import io.parley.conversation.command.EditConversation;
import io.parley.conversation.command.EditMessage;
import io.parley.conversation.command.JoinConversation;
import io.parley.conversation.command.LeaveConversation;
import io.parley.conversation.command.MarkAllRead;
import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.RemoveMessage;
import io.parley.conversation.command.RemoveParticipant;
import io.parley.conversation.command.SetReadHorizon;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.model.PermissionChanges;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;

import static io.parley.conversation.ConversationFixtures.ADMIN;
import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.CAROL;
import static io.parley.conversation.ConversationFixtures.Flag.MANAGE_PARTICIPANTS;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.defaultsWith;
import static io.parley.conversation.ConversationFixtures.deleted;
import static io.parley.conversation.ConversationFixtures.deliveredAdvanced;
import static io.parley.conversation.ConversationFixtures.fixture;
import static io.parley.conversation.ConversationFixtures.joined;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.messageRemoved;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.permissionsChanged;
import static io.parley.conversation.ConversationFixtures.preconditionFailedAt;
import static io.parley.conversation.ConversationFixtures.publicGroup;
import static io.parley.conversation.ConversationFixtures.readAdvanced;
import static io.parley.conversation.ConversationFixtures.readSet;
import static io.parley.conversation.ConversationFixtures.removed;
import static io.parley.conversation.ConversationFixtures.send;
import static io.parley.conversation.ConversationFixtures.sent;
import static io.parley.conversation.ConversationFixtures.user;

/**
 * {@code If-Match}: a write applies only while the conversation is still at the sequence the caller
 * saw. The conversation is at sequence 3: created, bob's {@code m-1}, alice's {@code m-2}.
 */
class ConditionalWriteTest {
    private static final long LAST_SEQUENCE = 3;
    private static final Instant NOW = Instant.parse("2025-03-04T05:06:07.123Z");

    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        InMemoryMessageDirectory directory = new InMemoryMessageDirectory()
                .store("m-1", 2, BOB)
                .store("m-2", 3, ALICE);
        fixture = fixture(directory);
    }

    private TestExecutor<Conversation> givenConversationAtSequence3() {
        return fixture.givenCurrentTime(NOW)
                .andGiven(publicGroup(owner(ALICE), member(BOB)), sent(BOB, "m-1"), sent(ALICE, "m-2"));
    }

    /** Each write, for a given If-Match, and the events it appends when it applies. */
    static Stream<Arguments> writes() {
        return Stream.of(
                write("send", ifMatch -> send(user(BOB), ifMatch, "m-3", "hi"),
                        sent(BOB, "m-3", "hi")),
                write("edit conversation", ifMatch -> new EditConversation(ID, user(ALICE), ifMatch, "Renamed",
                                null, null, null, null),
                        new ConversationEdited(ID, ALICE, "Renamed", null, null, null, List.of())),
                write("delete", ifMatch -> new DeleteConversation(ID, user(ALICE), ifMatch),
                        deleted(ALICE)),
                write("join", ifMatch -> new JoinConversation(ID, user(CAROL), ifMatch),
                        joined(CAROL)),
                write("leave", ifMatch -> new LeaveConversation(ID, user(BOB), ifMatch),
                        left(BOB)),
                write("add participants", ifMatch -> new AddParticipants(ID, user(ALICE), ifMatch,
                                List.of(member(CAROL))),
                        added(ALICE, member(CAROL))),
                write("remove participant", ifMatch -> new RemoveParticipant(ID, user(ALICE), ifMatch, BOB),
                        removed(ALICE, BOB)),
                write("change permissions", ifMatch -> new ChangePermissions(ID, user(ALICE), ifMatch, BOB,
                                PermissionChanges.replacingWith(defaultsWith(MANAGE_PARTICIPANTS))),
                        permissionsChanged(ALICE, BOB, defaultsWith(MANAGE_PARTICIPANTS))),
                write("edit message", ifMatch -> new EditMessage(ID, user(BOB), ifMatch, "m-1", "fixed", null,
                                null, null),
                        new MessageEdited(ID, BOB, "m-1", "fixed", null, null, List.of())),
                write("remove message", ifMatch -> new RemoveMessage(ID, user(BOB), ifMatch, "m-1"),
                        messageRemoved(BOB, "m-1")),
                write("read advance", ifMatch -> new AdvanceReadHorizon(ID, user(BOB), ifMatch, 3),
                        readAdvanced(BOB, 3)),
                write("read set", ifMatch -> new SetReadHorizon(ID, user(BOB), ifMatch, 2),
                        readSet(BOB, 2)),
                write("read all", ifMatch -> new MarkAllRead(ID, user(BOB), ifMatch),
                        readAdvanced(BOB, 3)),
                write("delivered", ifMatch -> new AdvanceDeliveredHorizon(ID, user(BOB), ifMatch, 3),
                        deliveredAdvanced(BOB, 3)),
                write("admin grants owner", ifMatch -> new ChangePermissions(ID, ADMIN, ifMatch, BOB,
                                PermissionChanges.replacingWith(Permissions.ownerPermissions())),
                        permissionsChanged(ADMIN.userId(), BOB, Permissions.ownerPermissions())));
    }

    private static Arguments write(String name, LongFunction<Object> command, Object event) {
        return Arguments.of(name, command, event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenCurrentIfMatch_WhenWriting_ThenApplied(String name, LongFunction<Object> command, Object event) {
        givenConversationAtSequence3()
                .when(command.apply(LAST_SEQUENCE))
                .expectEvents(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenStaleIfMatch_WhenWriting_ThenPreconditionFailedWithLastSequence(String name,
                                                                              LongFunction<Object> command,
                                                                              Object event) {
        givenConversationAtSequence3()
                .when(command.apply(LAST_SEQUENCE - 1))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void givenIfMatchFromTheFuture_WhenWriting_ThenPreconditionFailedWithLastSequence(String name,
                                                                                      LongFunction<Object> command,
                                                                                      Object event) {
        givenConversationAtSequence3()
                .when(command.apply(LAST_SEQUENCE + 1))
                .expectNoEvents()
                .expectException(preconditionFailedAt(LAST_SEQUENCE));
    }

    @Test
    void givenNoIfMatch_WhenWritingAfterOthersWrote_ThenApplied() {
        givenConversationAtSequence3()
                .when(send(user(BOB), null, "m-3", "hi"))
                .expectEvents(sent(BOB, "m-3", "hi"));
    }

    @Test
    void givenSendAppliedAtIfMatch_WhenRetriedWithThatNowStaleIfMatch_ThenOriginalAnswer() {
        // given: the send with If-Match 3 went through as sequence 4, but its answer was lost
        givenConversationAtSequence3()
                .andGiven(sent(BOB, "m-3", "hi"))
                // when
                .when(send(user(BOB), LAST_SEQUENCE, "m-3", "hi"))
                // then
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted("m-3", 4, NOW));
    }
}
