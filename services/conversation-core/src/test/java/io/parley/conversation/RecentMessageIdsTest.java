package io.parley.conversation;

import io.parley.conversation.command.MessageAccepted;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RecentMessageIdsTest {
    private static final Instant SENT_AT = Instant.parse("2025-01-01T00:00:00Z");

    private static void rememberMessages(RecentMessageIds ids, int count) {
        for (int i = 0; i < count; i++) {
            ids.remember(new MessageAccepted("m-" + i, i + 2, SENT_AT.plusSeconds(i)), "user-" + i);
        }
    }

    @Test
    void givenCapacityMessages_WhenRemembered_ThenAllAreKept() {
        RecentMessageIds ids = new RecentMessageIds();

        rememberMessages(ids, RecentMessageIds.CAPACITY);

        assertThat(ids.size()).isEqualTo(RecentMessageIds.CAPACITY);
        assertThat(ids.find("m-0")).isEqualTo(new MessageAccepted("m-0", 2, SENT_AT));
        assertThat(ids.authorOf("m-0")).isEqualTo("user-0");
    }

    @Test
    void givenMoreMessagesThanCapacity_WhenRemembered_ThenOnlyTheNewestAreKept() {
        RecentMessageIds ids = new RecentMessageIds();
        int count = RecentMessageIds.CAPACITY + 500;

        rememberMessages(ids, count);

        assertThat(ids.size()).isEqualTo(RecentMessageIds.CAPACITY);
        assertThat(ids.find("m-499")).isNull();
        assertThat(ids.authorOf("m-499")).isNull();
        assertThat(ids.find("m-500")).isNotNull();
        int newest = count - 1;
        assertThat(ids.find("m-" + newest)).isEqualTo(new MessageAccepted("m-" + newest, newest + 2,
                SENT_AT.plusSeconds(newest)));
        assertThat(ids.authorOf("m-" + newest)).isEqualTo("user-" + newest);
    }

    @Test
    void givenUnknownId_WhenLookedUp_ThenNothing() {
        RecentMessageIds ids = new RecentMessageIds();
        rememberMessages(ids, 3);

        assertThat(ids.find("m-404")).isNull();
        assertThat(ids.authorOf("m-404")).isNull();
    }
}
