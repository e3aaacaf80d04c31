package io.parley.user;

import io.parley.conversation.Rejection;
import io.parley.user.event.ConversationCleared;
import io.parley.user.event.ConversationDropped;
import io.parley.user.event.ConversationSettingsChanged;
import io.parley.user.event.FavouriteAdded;
import io.parley.user.event.FavouriteRemoved;
import io.parley.user.event.PushSettingsChanged;
import io.parley.user.event.Subscribed;
import io.parley.user.event.Unsubscribed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.List;

/**
 * What the {@link User} aggregate tests share: the fixture with its limits, the users and conversations,
 * and builders for the events most tests need. The stream under test is always alice's.
 */
final class UserFixtures {
    static final String ALICE = "alice";
    static final String BOB = "bob";
    static final String CAROL = "carol";
    static final String DAVE = "dave";
    static final String C1 = "c-1";
    static final String C2 = "c-2";

    private UserFixtures() {
    }

    // ---- fixture ----

    static FixtureConfiguration<User> fixture() {
        return fixture(UserLimits.defaults());
    }

    static FixtureConfiguration<User> fixture(UserLimits limits) {
        FixtureConfiguration<User> fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(limits);
        return fixture;
    }

    // ---- events (all alice's) ----

    static Subscribed subscribed(String... userIds) {
        return new Subscribed(ALICE, List.of(userIds));
    }

    static Unsubscribed unsubscribed(String... userIds) {
        return new Unsubscribed(ALICE, List.of(userIds));
    }

    static PushSettingsChanged pushed(String... events) {
        return new PushSettingsChanged(ALICE, List.of(events));
    }

    static ConversationSettingsChanged settingsChanged(String conversationId, Boolean archived, String level) {
        return new ConversationSettingsChanged(ALICE, conversationId, archived, level);
    }

    static ConversationCleared cleared(String conversationId, long upToSequence) {
        return new ConversationCleared(ALICE, conversationId, upToSequence);
    }

    static ConversationDropped dropped(String conversationId, long upToSequence) {
        return new ConversationDropped(ALICE, conversationId, upToSequence);
    }

    static FavouriteAdded favouriteAdded(String conversationId, String messageId) {
        return new FavouriteAdded(ALICE, conversationId, messageId, 7);
    }

    static FavouriteRemoved favouriteRemoved(String conversationId, String messageId) {
        return new FavouriteRemoved(ALICE, conversationId, messageId);
    }

    // ---- matchers ----

    /** The exception the fixture saw is a {@link UserRejectedException} for {@code expected}. */
    static Matcher<UserRejectedException> rejectedWith(Rejection expected) {
        return new RejectionMatcher(expected, null, null);
    }

    /** A validation failure whose detail contains {@code text} (e.g. the limit it names). */
    static Matcher<UserRejectedException> invalidSaying(String text) {
        return new RejectionMatcher(Rejection.VALIDATION_FAILED, null, text);
    }

    /** An If-Match mismatch that tells the caller the user's current last sequence. */
    static Matcher<UserRejectedException> preconditionFailedAt(long lastSequence) {
        return new RejectionMatcher(Rejection.PRECONDITION_FAILED, lastSequence, null);
    }

    private static final class RejectionMatcher extends TypeSafeDiagnosingMatcher<UserRejectedException> {
        private final Rejection rejection;
        private final Long lastSequence;
        private final String detail;

        private RejectionMatcher(Rejection rejection, Long lastSequence, String detail) {
            this.rejection = rejection;
            this.lastSequence = lastSequence;
            this.detail = detail;
        }

        @Override
        protected boolean matchesSafely(UserRejectedException item, Description mismatch) {
            mismatch.appendText("was rejected with ").appendValue(item.rejection())
                    .appendText(" (lastSequence ").appendValue(item.lastSequence())
                    .appendText(": ").appendText(item.getMessage()).appendText(")");
            return item.rejection() == rejection
                    && (lastSequence == null ? item.lastSequence() == -1 : item.lastSequence() == lastSequence)
                    && (detail == null || item.getMessage().contains(detail));
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("a user command rejected with ").appendValue(rejection);
            if (lastSequence != null) {
                description.appendText(" at lastSequence ").appendValue(lastSequence);
            }
            if (detail != null) {
                description.appendText(" saying ").appendValue(detail);
            }
        }
    }
}
