package io.parley.conversation;

import io.parley.conversation.command.MessageAccepted;
import io.parley.conversation.command.SendMessage;
import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.DeliveredAdvanced;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ParticipantJoined;
import io.parley.conversation.event.ParticipantLeft;
import io.parley.conversation.event.ParticipantPermissionsChanged;
import io.parley.conversation.event.ParticipantRemoved;
import io.parley.conversation.event.ParticipantsAdded;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.event.ReadSet;
import io.parley.conversation.model.Actor;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@link Conversation} aggregate tests share: the fixture with its injected resources, the
 * users, and builders for the events and commands that most tests need.
 */
final class ConversationFixtures {
    static final String ID = "c-1";
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String CAROL = "carol";
    static final String DAVE = "dave";
    static final String MALLORY = "mallory";
    /** A server-to-server integration: every permission, never a participant. */
    static final Actor ADMIN = Actor.admin("ops");
    /** When the messages stored in an {@link InMemoryMessageDirectory} were sent. */
    static final Instant SENT_AT = Instant.parse("2024-01-02T03:04:05Z");

    private ConversationFixtures() {
    }

    // ---- fixture ----

    static FixtureConfiguration<Conversation> fixture(MessageDirectory directory) {
        return fixture(directory, ConversationLimits.defaults());
    }

    static FixtureConfiguration<Conversation> fixture(MessageDirectory directory, ConversationLimits limits) {
        FixtureConfiguration<Conversation> fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(limits);
        return fixture;
    }

    static ConversationLimits maxParticipants(int max) {
        return () -> max;
    }

    // ---- actors and permissions ----

    static Actor user(String userId) {
        return Actor.user(userId);
    }

    /** One permission flag of API.md each. */
    enum Flag {
        WRITE, EDIT, REMOVE, MANAGE_PARTICIPANTS, EDIT_ALL, REMOVE_ALL, OWNER
    }

    /** Exactly the given flags, nothing else. */
    static Permissions only(Flag... flags) {
        return permissions(flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.of(flags[0], flags));
    }

    /** The defaults of a participant (write, edit own, remove own) plus the given flags. */
    static Permissions defaultsWith(Flag... flags) {
        Set<Flag> set = EnumSet.of(Flag.WRITE, Flag.EDIT, Flag.REMOVE);
        set.addAll(List.of(flags));
        return permissions(set);
    }

    /** The defaults of a participant without the given flag. */
    static Permissions defaultsWithout(Flag flag) {
        Set<Flag> set = EnumSet.of(Flag.WRITE, Flag.EDIT, Flag.REMOVE);
        set.remove(flag);
        return permissions(set);
    }

    private static Permissions permissions(Set<Flag> flags) {
        return new Permissions(flags.contains(Flag.WRITE), flags.contains(Flag.EDIT), flags.contains(Flag.REMOVE),
                flags.contains(Flag.MANAGE_PARTICIPANTS), flags.contains(Flag.EDIT_ALL),
                flags.contains(Flag.REMOVE_ALL), flags.contains(Flag.OWNER));
    }

    static ParticipantSpec owner(String userId) {
        return new ParticipantSpec(userId, Permissions.ownerPermissions());
    }

    static ParticipantSpec member(String userId) {
        return new ParticipantSpec(userId, Permissions.defaults());
    }

    static ParticipantSpec member(String userId, Permissions permissions) {
        return new ParticipantSpec(userId, permissions);
    }

    // ---- events ----

    /** A private group created by alice with the given participants (sequence 1). */
    static ConversationCreated group(ParticipantSpec... participants) {
        return new ConversationCreated(ID, ALICE, "Team", ConversationKind.GROUP, false, null, null,
                HistoryVisibility.SHARED, List.of(participants));
    }

    /** A group anyone may join, created by alice (sequence 1). */
    static ConversationCreated publicGroup(ParticipantSpec... participants) {
        return new ConversationCreated(ID, ALICE, "Lobby", ConversationKind.GROUP, true, null, null,
                HistoryVisibility.SHARED, List.of(participants));
    }

    /** A direct conversation alice created with bob (sequence 1). */
    static ConversationCreated aliceDirectWithBob() {
        return new ConversationCreated(ID, ALICE, null, ConversationKind.DIRECT, false, null, null,
                HistoryVisibility.SHARED, List.of(owner(ALICE), member(BOB)));
    }

    /** The most common start: alice owns a private group with bob as a plain participant. */
    static ConversationCreated aliceAndBob() {
        return group(owner(ALICE), member(BOB));
    }

    static MessageSent sent(String author, String messageId) {
        return sent(author, messageId, "hello");
    }

    static MessageSent sent(String author, String messageId, String text) {
        return new MessageSent(ID, author, messageId, text, null, null, List.of(), null, List.of(), null);
    }

    static MessageRemoved messageRemoved(String actor, String messageId) {
        return new MessageRemoved(ID, actor, messageId);
    }

    static ParticipantsAdded added(String actor, ParticipantSpec... participants) {
        return new ParticipantsAdded(ID, actor, List.of(participants));
    }

    static ParticipantJoined joined(String userId) {
        return new ParticipantJoined(ID, userId, userId, Permissions.defaults());
    }

    static ParticipantLeft left(String userId) {
        return new ParticipantLeft(ID, userId, userId);
    }

    static ParticipantRemoved removed(String actor, String userId) {
        return new ParticipantRemoved(ID, actor, userId);
    }

    static ParticipantPermissionsChanged permissionsChanged(String actor, String userId, Permissions permissions) {
        return new ParticipantPermissionsChanged(ID, actor, userId, permissions);
    }

    static ConversationDeleted deleted(String actor) {
        return new ConversationDeleted(ID, actor);
    }

    static ReadAdvanced readAdvanced(String userId, long sequence) {
        return new ReadAdvanced(ID, userId, userId, sequence);
    }

    static ReadSet readSet(String userId, long sequence) {
        return new ReadSet(ID, userId, userId, sequence);
    }

    static DeliveredAdvanced deliveredAdvanced(String userId, long sequence) {
        return new DeliveredAdvanced(ID, userId, userId, sequence);
    }

    // ---- commands ----

    static SendMessage send(String author, String messageId, String text) {
        return send(user(author), null, messageId, text);
    }

    static SendMessage send(Actor author, Long ifMatch, String messageId, String text) {
        return new SendMessage(ID, author, ifMatch, messageId, text, null, null, null, null, null, null);
    }

    // ---- matchers ----

    /** The exception the fixture saw is a {@link ConversationRejectedException} for {@code expected}. */
    static Matcher<ConversationRejectedException> rejectedWith(Rejection expected) {
        return new RejectionMatcher(expected, null);
    }

    /** An If-Match mismatch that tells the caller the conversation's current last sequence. */
    static Matcher<ConversationRejectedException> preconditionFailedAt(long lastSequence) {
        return new RejectionMatcher(Rejection.PRECONDITION_FAILED, lastSequence);
    }

    /** A send answered at {@code sequence} for {@code messageId}, whenever it was sent. */
    static Matcher<MessageAccepted> acceptedAs(String messageId, long sequence) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(MessageAccepted item, Description mismatch) {
                mismatch.appendText("was ").appendValue(item);
                return item.messageId().equals(messageId) && item.sequence() == sequence && item.sentAt() != null;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("message ").appendValue(messageId).appendText(" accepted at sequence ")
                        .appendValue(sequence);
            }
        };
    }

    private static final class RejectionMatcher extends TypeSafeDiagnosingMatcher<ConversationRejectedException> {
        private final Rejection rejection;
        private final Long lastSequence;

        private RejectionMatcher(Rejection rejection, Long lastSequence) {
            this.rejection = rejection;
            this.lastSequence = lastSequence;
        }

        @Override
        protected boolean matchesSafely(ConversationRejectedException item, Description mismatch) {
            mismatch.appendText("was rejected with ").appendValue(item.rejection())
                    .appendText(" (lastSequence ").appendValue(item.lastSequence())
                    .appendText(": ").appendText(item.getMessage()).appendText(")");
            return item.rejection() == rejection && (lastSequence == null || item.lastSequence() == lastSequence);
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("a conversation rejected with ").appendValue(rejection);
            if (lastSequence != null) {
                description.appendText(" at lastSequence ").appendValue(lastSequence);
            }
        }
    }
}
