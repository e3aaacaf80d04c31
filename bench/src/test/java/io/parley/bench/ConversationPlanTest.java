package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConversationPlanTest {

    @Test
    void givenManyPlan_WhenSeatsOutnumberUsers_ThenEveryUserSendsAndConversationsHoldTwoToFive() {
        // when
        ConversationPlan plan = ConversationPlan.many(1000, 300, new Random(1));

        // then
        assertThat(plan.senders()).hasSize(1000);
        for (int[] members : plan.members()) {
            assertThat(members.length).isBetween(2, 5);
            assertThat(members).doesNotHaveDuplicates();
        }
    }
}
