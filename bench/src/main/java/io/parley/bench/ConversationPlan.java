package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Which users are in which conversation, as user indexes; the first member of each conversation creates it.
 *
 * @param members       per conversation, its participants
 * @param conversationsOf per user, the conversations it belongs to (empty when the plan had too few seats)
 */
record ConversationPlan(int[][] members, int[][] conversationsOf) {

    /** Everybody in one conversation. */
    static ConversationPlan hot(int users) {
        int[] all = new int[users];
        for (int u = 0; u < users; u++) {
            all[u] = u;
        }
        return of(users, new int[][] {all});
    }

    /**
     * Conversations of 2–5 users each, filled round the users in a shuffled order, so that every user gets a seat
     * whenever the seats (about 3.5 per conversation) outnumber the users, and nobody gets far more than others.
     */
    static ConversationPlan many(int users, int conversations, Random random) {
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        for (int i = users - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[][] members = new int[conversations][];
        int next = 0;
        for (int c = 0; c < conversations; c++) {
            // consecutive positions of a permutation are distinct users as long as size <= users
            int size = Math.min(users, 2 + random.nextInt(4));
            members[c] = new int[size];
            for (int k = 0; k < size; k++) {
                members[c][k] = order[next];
                next = (next + 1) % users;
            }
        }
        return of(users, members);
    }

    private static ConversationPlan of(int users, int[][] members) {
        List<List<Integer>> byUser = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            byUser.add(new ArrayList<>());
        }
        for (int c = 0; c < members.length; c++) {
            for (int u : members[c]) {
                byUser.get(u).add(c);
            }
        }
        int[][] conversationsOf = new int[users][];
        for (int u = 0; u < users; u++) {
            conversationsOf[u] = byUser.get(u).stream().mapToInt(Integer::intValue).toArray();
        }
        return new ConversationPlan(members, conversationsOf);
    }

    /** Users that have at least one conversation to write into. */
    int[] senders() {
        int count = 0;
        for (int[] cs : conversationsOf) {
            if (cs.length > 0) {
                count++;
            }
        }
        int[] senders = new int[count];
        int i = 0;
        for (int u = 0; u < conversationsOf.length; u++) {
            if (conversationsOf[u].length > 0) {
                senders[i++] = u;
            }
        }
        return senders;
    }
}
