package io.parley.conversation;

import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.ReadableRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.parley.conversation.ConversationFixtures.ALICE;
import static io.parley.conversation.ConversationFixtures.BOB;
import static io.parley.conversation.ConversationFixtures.DAVE;
import static io.parley.conversation.ConversationFixtures.ID;
import static io.parley.conversation.ConversationFixtures.added;
import static io.parley.conversation.ConversationFixtures.joined;
import static io.parley.conversation.ConversationFixtures.left;
import static io.parley.conversation.ConversationFixtures.member;
import static io.parley.conversation.ConversationFixtures.owner;
import static io.parley.conversation.ConversationFixtures.removed;
import static io.parley.conversation.ConversationFixtures.sent;
import static org.assertj.core.api.Assertions.assertThat;

/** Folding one reader's standing from the log gives the range the visibility rule gives, at every step. */
class ReaderStandingTest {
    private static final long OPEN = Long.MAX_VALUE;
    private static final String OLGA = "olga";

    /** 1 created (alice, bob; joined-only history), 2 message, 3 dave added, 4 bob leaves, 5 dave removed,
     *  6 bob joins again, 7 made public, 8 message. */
    private static final List<Object> LOG = List.of(
            new ConversationCreated(ID, ALICE, "Team", ConversationKind.GROUP, false, null, null,
                    HistoryVisibility.JOINED, List.of(owner(ALICE), member(BOB))),
            sent(ALICE, "m-1"), added(ALICE, member(DAVE)), left(BOB), removed(ALICE, DAVE), joined(BOB),
            new ConversationEdited(ID, ALICE, null, null, null, true, List.of()), sent(ALICE, "m-2"));

    private static Optional<ReadableRange> after(String userId, int events) {
        ReaderStanding standing = ReaderStanding.before(userId);
        for (int i = 0; i < events; i++) {
            standing = standing.after(LOG.get(i), i + 1);
        }
        return standing.readableRange();
    }

    @Test
    void givenNoEvent_ThenNobodyReadsAnything() {
        assertThat(after(ALICE, 0)).isEmpty();
    }

    @Test
    void givenTheLog_WhenFoldedStepByStep_ThenEachReaderHasTheRangeOfThatMoment() {
        assertThat(after(ALICE, 8)).contains(new ReadableRange(1, OPEN));
        assertThat(after(BOB, 3)).contains(new ReadableRange(1, OPEN));
        assertThat(after(BOB, 4)).as("left at 4").contains(new ReadableRange(1, 4));
        assertThat(after(BOB, 6)).as("back at 6, history from the join").contains(new ReadableRange(6, OPEN));
        assertThat(after(DAVE, 2)).isEmpty();
        assertThat(after(DAVE, 3)).as("late joiner").contains(new ReadableRange(3, OPEN));
        assertThat(after(DAVE, 5)).as("removed at 5").contains(new ReadableRange(3, 5));
        assertThat(after(DAVE, 8)).as("a former participant stays one when it goes public")
                .contains(new ReadableRange(3, 5));
        assertThat(after(OLGA, 6)).as("outsider of a private one").isEmpty();
        assertThat(after(OLGA, 7)).as("outsider of a public one").contains(new ReadableRange(1, OPEN));
    }
}
