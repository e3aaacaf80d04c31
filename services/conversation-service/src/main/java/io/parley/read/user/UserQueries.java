package io.parley.read.user;

import io.micronaut.serde.annotation.Serdeable;
import io.parley.http.JsonText;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import jakarta.inject.Singleton;
import io.swagger.v3.oas.annotations.media.Schema;
import io.micronaut.core.annotation.Nullable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Queries over the user views: profiles with presence, the owner's own profile, subscriptions. */
@Singleton
public class UserQueries {
    /** A user as every authenticated caller sees them. */
    private static final String PUBLIC = "SELECT k.user_id, u.display_name, u.custom_data, "
            + "COALESCE(p.online, FALSE) AS online FROM known_user k LEFT JOIN user_view u ON u.user_id = k.user_id "
            + "LEFT JOIN user_presence p ON p.user_id = k.user_id ";
    private final Database database;
    private final JsonText json;

    UserQueries(Database database, JsonText json) {
        this.database = database;
        this.json = json;
    }

    /** A user's public profile and presence. */
    @Serdeable
    @Schema(name = "PublicProfile")
    public record PublicProfile(String userId, @Nullable @Schema(requiredMode = REQUIRED) String displayName,
                                @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                        Schema.AdditionalPropertiesValue.TRUE) Object customData, boolean online) {
    }

    /**
     * The caller's own profile: also {@code privateCustomData}, the push settings and {@code lastSequence}, the
     * last of their own events (the {@code If-Match} of their next write).
     */
    @Serdeable
    @Schema(name = "OwnProfile")
    public record OwnProfile(String userId, @Nullable @Schema(requiredMode = REQUIRED) String displayName,
                             @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                     Schema.AdditionalPropertiesValue.TRUE) Object customData,
                             @Nullable @Schema(requiredMode = REQUIRED, type = "object", additionalProperties =
                                     Schema.AdditionalPropertiesValue.TRUE) Object privateCustomData,
                             boolean online, List<String> pushEvents, long lastSequence) {
    }

    /** The user, if the service has seen them (token use or mention). */
    public Optional<PublicProfile> profile(String userId) {
        return profiles(List.of(userId)).stream().findFirst();
    }

    /** The users among {@code userIds} the service has seen, in the order asked. */
    public List<PublicProfile> profiles(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        Map<String, PublicProfile> found = Sql.query(database.dataSource(), PUBLIC + "WHERE k.user_id IN ("
                + Sql.placeholders(userIds.size()) + ")", rows -> {
            Map<String, PublicProfile> profiles = new LinkedHashMap<>();
            while (rows.next()) {
                profiles.put(rows.getString("user_id"), publicProfile(rows));
            }
            return profiles;
        }, userIds.toArray());
        List<PublicProfile> ordered = new ArrayList<>();
        userIds.stream().distinct().map(found::get).filter(p -> p != null).forEach(ordered::add);
        return ordered;
    }

    private PublicProfile publicProfile(ResultSet rows) throws SQLException {
        return new PublicProfile(rows.getString("user_id"), rows.getString("display_name"),
                json.read(rows.getString("custom_data")), rows.getBoolean("online"));
    }

    /** The caller's own profile; everyone has one, empty until they change it. */
    public OwnProfile ownProfile(String userId) {
        boolean online = Sql.query(database.dataSource(), "SELECT online FROM user_presence WHERE user_id = ?",
                rows -> rows.next() && rows.getBoolean(1), userId);
        return Sql.query(database.dataSource(), "SELECT * FROM user_view WHERE user_id = ?", rows -> rows.next()
                ? new OwnProfile(userId, rows.getString("display_name"), json.read(rows.getString("custom_data")),
                json.read(rows.getString("private_custom_data")), online,
                PushEvents.fromColumn(rows.getString("push_events")), rows.getLong("last_sequence"))
                : new OwnProfile(userId, null, null, null, online, PushEvents.fromColumn(null), 0), userId);
    }

    /** The users the caller subscribed to, in id order. */
    public List<String> subscriptions(String userId) {
        return Sql.query(database.dataSource(), "SELECT subscribed_user_id FROM user_subscription_view WHERE "
                + "user_id = ? ORDER BY subscribed_user_id", rows -> {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }, userId);
    }
}
