package io.parley.user;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.parley.user.command.AddFavourite;
import io.parley.user.command.ChangeConversationSettings;
import io.parley.user.command.ClearConversation;
import io.parley.user.command.DropConversation;
import io.parley.user.command.SetPushEvents;
import io.parley.user.command.Subscribe;
import io.parley.user.command.UpdateProfile;
import io.parley.user.command.UserChanged;
import io.parley.user.event.ProfileUpdated;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.parley.user.UserFixtures.ALICE;
import static io.parley.user.UserFixtures.BOB;
import static io.parley.user.UserFixtures.C1;
import static io.parley.user.UserFixtures.C2;
import static io.parley.user.UserFixtures.CAROL;
import static io.parley.user.UserFixtures.DAVE;
import static io.parley.user.UserFixtures.cleared;
import static io.parley.user.UserFixtures.dropped;
import static io.parley.user.UserFixtures.favouriteAdded;
import static io.parley.user.UserFixtures.favouriteRemoved;
import static io.parley.user.UserFixtures.pushed;
import static io.parley.user.UserFixtures.settingsChanged;
import static io.parley.user.UserFixtures.subscribed;
import static io.parley.user.UserFixtures.unsubscribed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Snapshots hold the aggregate's fields as they are (Jackson field access, as the service's snapshot
 * serializer): a user read back from one answers every rule as before. A command that changes nothing
 * never reaches {@code apply}, so the restored aggregate's handlers can be called directly.
 */
class UserSnapshotTest {
    /** The service's snapshot serializer: fields only, any visibility, unknown properties ignored. */
    private static final ObjectMapper SNAPSHOTS = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    /** Alice after twelve events, one of each kind that leaves state behind. */
    private static User populated() {
        User user = new User();
        user.on(new ProfileUpdated(ALICE, "Alice", "{\"a\":1}", "{\"p\":true}", List.of()), 0);
        user.on(subscribed(DAVE, BOB, CAROL), 1);
        user.on(unsubscribed(BOB), 2);
        user.on(pushed("message.edited", "message.sent"), 3);
        user.on(settingsChanged(C1, true, "muted"), 4);
        user.on(cleared(C1, 7), 5);
        user.on(dropped(C1, 9), 6);
        user.on(dropped(C2, 3), 7);
        user.on(favouriteAdded(C1, "m-1"), 8);
        user.on(favouriteAdded(C2, "m-1"), 9);
        user.on(favouriteAdded(C1, "m-2"), 10);
        user.on(favouriteRemoved(C1, "m-2"), 11);
        return user;
    }

    private static User roundTrip(User user) throws Exception {
        return SNAPSHOTS.readValue(SNAPSHOTS.writeValueAsString(user), User.class);
    }

    @Test
    void givenAPopulatedUser_WhenReadBackFromASnapshot_ThenEveryFieldIsAsBefore() throws Exception {
        User original = populated();

        User restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.userId()).isEqualTo(ALICE);
        assertThat(restored.lastSequence()).isEqualTo(12);
        assertThat(restored.displayName()).isEqualTo("Alice");
        assertThat(restored.customData()).isEqualTo("{\"a\":1}");
        assertThat(restored.privateCustomData()).isEqualTo("{\"p\":true}");
        assertThat(restored.subscriptions()).containsExactly(DAVE, CAROL);
        assertThat(restored.pushEvents()).containsExactly("message.edited", "message.sent");
        assertThat(restored.archived(C1)).isTrue();
        assertThat(restored.notificationLevel(C1)).isEqualTo("muted");
        assertThat(restored.clearedUpTo(C1)).isEqualTo(7);
        assertThat(restored.droppedUpTo(C1)).isEqualTo(9);
        assertThat(restored.archived(C2)).isFalse();
        assertThat(restored.notificationLevel(C2)).isEqualTo("default");
        assertThat(restored.droppedUpTo(C2)).isEqualTo(3);
        assertThat(restored.isFavourite(C1, "m-1")).isTrue();
        assertThat(restored.isFavourite(C2, "m-1")).isTrue();
        assertThat(restored.isFavourite(C1, "m-2")).isFalse();
        assertThat(restored.favouriteCount()).isEqualTo(2);
    }

    @Test
    void givenAUserReadBackFromASnapshot_WhenRepeatingWhatIsAlreadyTrue_ThenNothingChangesAtSequenceTwelve()
            throws Exception {
        User restored = roundTrip(populated());
        UserLimits limits = UserLimits.defaults();
        UserChanged unchanged = new UserChanged(12, false);

        assertThat(restored.handle(new AddFavourite(ALICE, 12L, C1, "m-1", 7), limits)).isEqualTo(unchanged);
        assertThat(restored.handle(new Subscribe(ALICE, null, List.of(CAROL, DAVE)), limits)).isEqualTo(unchanged);
        assertThat(restored.handle(new SetPushEvents(ALICE, null, List.of("message.sent", "message.edited"))))
                .isEqualTo(unchanged);
        assertThat(restored.handle(new ChangeConversationSettings(ALICE, null, C1, true, "muted")))
                .isEqualTo(unchanged);
        assertThat(restored.handle(new ClearConversation(ALICE, null, C1, 7))).isEqualTo(unchanged);
        assertThat(restored.handle(new DropConversation(ALICE, null, C1, 9))).isEqualTo(unchanged);
        assertThat(restored.handle(new UpdateProfile(ALICE, null, "Alice", "{\"a\":1}", "{\"p\":true}", null)))
                .isEqualTo(unchanged);
    }

    @Test
    void givenAUserReadBackFromASnapshot_WhenTheLimitsAreReached_ThenStillRejected() throws Exception {
        User restored = roundTrip(populated());
        UserLimits full = UserLimits.of(2, 2);

        assertThatThrownBy(() -> restored.handle(new AddFavourite(ALICE, null, C2, "m-9", 7), full))
                .isInstanceOf(UserRejectedException.class)
                .hasMessageContaining("at most 2 favourites");
        assertThatThrownBy(() -> restored.handle(new Subscribe(ALICE, null, List.of("erin")), full))
                .isInstanceOf(UserRejectedException.class)
                .hasMessageContaining("at most 2 subscriptions");
        assertThatThrownBy(() -> restored.handle(new AddFavourite(ALICE, 11L, C1, "m-1", 7), full))
                .isInstanceOfSatisfying(UserRejectedException.class,
                        rejected -> assertThat(rejected.lastSequence()).isEqualTo(12));
    }

    @Test
    void givenANewUser_WhenReadBackFromASnapshot_ThenTheDefaultsStay() throws Exception {
        User restored = roundTrip(new User());

        assertThat(restored.userId()).isNull();
        assertThat(restored.lastSequence()).isZero();
        assertThat(restored.pushEvents()).containsExactly("message.sent");
        assertThat(restored.subscriptions()).isEmpty();
        assertThat(restored.favouriteCount()).isZero();
    }

    @Test
    void givenAUserWhoTurnedPushOff_WhenReadBackFromASnapshot_ThenPushStaysOffRatherThanTheDefault()
            throws Exception {
        User user = new User();
        user.on(pushed(), 0);

        assertThat(roundTrip(user).pushEvents()).isEmpty();
    }

    @Test
    void aSnapshotHoldsOnlyTheAggregatesFields() throws Exception {
        String json = SNAPSHOTS.writeValueAsString(populated());

        assertThat(SNAPSHOTS.readTree(json).fieldNames()).toIterable().containsExactlyInAnyOrder("id",
                "lastSequence", "displayName", "customData", "privateCustomData", "subscriptions", "pushEvents",
                "conversations", "favourites");
    }
}
