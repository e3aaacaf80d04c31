package io.parley.read.user;

import io.parley.events.user.ProfileUpdated;
import io.parley.events.user.PushSettingsChanged;
import io.parley.events.user.Subscribed;
import io.parley.events.user.Unsubscribed;
import io.parley.persistence.Sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code user_view} (profile, push settings, the last user event applied) and
 * {@code user_subscription_view} from a user's published events, on the projector's connection and transaction.
 */
public final class UserViewWriter {
    private static final String ENSURE_ROW = """
            MERGE INTO user_view t USING (VALUES (CAST(? AS VARCHAR(255)))) AS s(user_id) ON t.user_id = s.user_id
            WHEN NOT MATCHED THEN INSERT (user_id, last_sequence) VALUES (s.user_id, 0)""";
    private final Connection connection;

    public UserViewWriter(Connection connection) {
        this.connection = connection;
    }

    /** The last user event applied to the user's views, 0 if none. */
    public long lastApplied(String userId) throws SQLException {
        return Sql.query(connection, "SELECT last_sequence FROM user_view WHERE user_id = ?",
                rows -> rows.next() ? rows.getLong(1) : 0L, userId);
    }

    public void applied(String userId, long sequence) throws SQLException {
        Sql.update(connection, ENSURE_ROW, userId);
        Sql.update(connection, "UPDATE user_view SET last_sequence = ? WHERE user_id = ?", sequence, userId);
    }

    /**
     * A profile change; {@code privateCustomData} is the value from the event store (it is not published), null
     * when it did not change.
     */
    public void apply(String userId, ProfileUpdated profile, String privateCustomData) throws SQLException {
        Sql.update(connection, ENSURE_ROW, userId);
        List<String> assignments = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        set(assignments, parameters, "display_name", profile.getDisplayName(), profile.getCleared().contains("displayName"));
        set(assignments, parameters, "custom_data", profile.getCustomData(), profile.getCleared().contains("customData"));
        set(assignments, parameters, "private_custom_data", privateCustomData,
                profile.getCleared().contains("privateCustomData"));
        if (assignments.isEmpty()) {
            return;
        }
        parameters.add(userId);
        Sql.update(connection, "UPDATE user_view SET " + String.join(", ", assignments) + " WHERE user_id = ?",
                parameters.toArray());
    }

    private static void set(List<String> assignments, List<Object> parameters, String column, String value,
                            boolean cleared) {
        if (cleared) {
            assignments.add(column + " = NULL");
        } else if (value != null) {
            assignments.add(column + " = ?");
            parameters.add(value);
        }
    }

    public void apply(String userId, PushSettingsChanged push) throws SQLException {
        Sql.update(connection, ENSURE_ROW, userId);
        Sql.update(connection, "UPDATE user_view SET push_events = ? WHERE user_id = ?",
                PushEvents.toColumn(push.getEvents()), userId);
    }

    public void apply(String userId, Subscribed subscribed) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String subscribedTo : subscribed.getUserIds()) {
            rows.add(new Object[] {userId, subscribedTo, userId, subscribedTo});
        }
        Sql.updateAll(connection, "INSERT INTO user_subscription_view (user_id, subscribed_user_id) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM user_subscription_view WHERE user_id = ? AND subscribed_user_id = ?)",
                rows);
    }

    public void apply(String userId, Unsubscribed unsubscribed) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (String subscribedTo : unsubscribed.getUserIds()) {
            rows.add(new Object[] {userId, subscribedTo});
        }
        Sql.updateAll(connection, "DELETE FROM user_subscription_view WHERE user_id = ? AND subscribed_user_id = ?", rows);
    }
}
