package io.parley.read.visibility;

import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Queries over one user's private view of their conversations (see {@link PrivateViewWriter}). */
@Singleton
public class PrivateViews {
    /** SQL condition on a {@code message_view} row {@code m}, parameter: the user id. */
    public static final String NOT_HIDDEN = "NOT EXISTS (SELECT 1 FROM hidden_message_view h WHERE h.user_id = ? "
            + "AND h.conversation_id = m.conversation_id AND h.message_id = m.message_id)";
    private final Database database;

    PrivateViews(Database database) {
        this.database = database;
    }

    /** What the user cleared or deleted for themselves in one conversation (nothing, when they never did). */
    public PrivateMask mask(String userId, String conversationId) {
        long clearedUpTo = Sql.query(database.dataSource(), "SELECT cleared_up_to FROM user_conversation_view WHERE "
                + "user_id = ? AND conversation_id = ?", rows -> rows.next() ? rows.getLong(1) : 0L, userId, conversationId);
        return new PrivateMask(userId, conversationId, clearedUpTo);
    }

    /** Which of {@code messageIds} the user deleted for themselves. */
    public Set<String> hiddenAmong(PrivateMask mask, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Set.of();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(mask.userId());
        parameters.add(mask.conversationId());
        parameters.addAll(messageIds);
        return Sql.query(database.dataSource(), "SELECT message_id FROM hidden_message_view WHERE user_id = ? AND "
                + "conversation_id = ? AND message_id IN (" + Sql.placeholders(messageIds.size()) + ")", rows -> {
            Set<String> hidden = new HashSet<>();
            while (rows.next()) {
                hidden.add(rows.getString(1));
            }
            return hidden;
        }, parameters.toArray());
    }
}
