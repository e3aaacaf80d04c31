package io.parley.user;

import io.parley.user.model.UserStream;
import io.parley.conversation.ConversationSequence;
import io.parley.conversation.Rejection;
import io.parley.user.command.AddFavourite;
import io.parley.user.command.ChangeConversationSettings;
import io.parley.user.command.ClearConversation;
import io.parley.user.command.ClearFavourites;
import io.parley.user.command.DropConversation;
import io.parley.user.command.HideMessages;
import io.parley.user.command.RemoveFavourite;
import io.parley.user.command.SetPushEvents;
import io.parley.user.command.Subscribe;
import io.parley.user.command.Unsubscribe;
import io.parley.user.command.UnsubscribeAll;
import io.parley.user.command.UpdateProfile;
import io.parley.user.command.UserChanged;
import io.parley.user.command.UserCommand;
import io.parley.user.event.ConversationCleared;
import io.parley.user.event.ConversationDropped;
import io.parley.user.event.ConversationSettingsChanged;
import io.parley.user.event.FavouriteAdded;
import io.parley.user.event.FavouriteRemoved;
import io.parley.user.event.FavouritesCleared;
import io.parley.user.event.MessagesHidden;
import io.parley.user.event.ProfileUpdated;
import io.parley.user.event.PushSettingsChanged;
import io.parley.user.event.Subscribed;
import io.parley.user.event.Unsubscribed;
import io.parley.user.event.UserEvent;
import io.parley.user.model.HiddenMessage;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.HashSet;
import java.util.function.BiPredicate;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's private state: their profile, subscriptions, push settings, their own settings per
 * conversation, and favourites. Its events form the user's own stream ({@code "user/" + userId}, see
 * {@link UserStream}), numbered 1, 2, … without gaps like a conversation's; the stream comes into being
 * with the user's first private change (every command is {@code CREATE_IF_MISSING}), and before it the
 * user is at sequence 0.
 * <p>
 * Rules are checked in command handlers before {@code apply}; state changes only in the event-sourcing
 * handlers. A command that changes nothing appends nothing and answers {@code appended = false}.
 * Every command may carry {@code If-Match}: when it is not the user's last sequence the command is
 * rejected with {@link Rejection#PRECONDITION_FAILED} and that sequence, before any other rule is checked.
 * <p>
 * State is what the rules need: hidden messages are not kept (they would grow without bound), so hiding
 * a message twice appends twice. Snapshots serialise the fields as they are (Jackson field access), so
 * they are plain JDK collections, strings and primitives.
 */
public class User {
    /** What pushes a user is sent before they choose: new messages only. */
    public static final List<String> DEFAULT_PUSH_EVENTS = List.of("message.sent");
    /** The conversation event types a user may choose to be pushed (all of them). */
    public static final List<String> PUSHABLE_EVENTS = List.of(
            "conversation.created", "conversation.edited", "conversation.deleted",
            "participants.added", "participant.removed", "participant.joined", "participant.left",
            "participant.permissions_changed",
            "message.sent", "message.edited", "message.removed",
            "read.advanced", "read.set", "delivered.advanced");
    public static final String NOTIFICATION_DEFAULT = "default";
    public static final String NOTIFICATION_MUTED = "muted";
    /** The profile fields {@link UpdateProfile#clear()} may name, in the order events list them. */
    static final List<String> PROFILE_FIELDS = List.of("displayName", "customData", "privateCustomData");

    @AggregateIdentifier
    private String id;
    private long lastSequence;
    private String displayName;
    private String customData;
    private String privateCustomData;
    /** The users this user is subscribed to, in the order they subscribed. */
    private final LinkedHashSet<String> subscriptions = new LinkedHashSet<>();
    private final ArrayList<String> pushEvents = new ArrayList<>(DEFAULT_PUSH_EVENTS);
    /** Per conversation id, what the user set for it; only conversations they set something for. */
    private final LinkedHashMap<String, PrivateConversationState> conversations = new LinkedHashMap<>();
    /**
     * Per conversation id, the ids of its messages the user keeps as favourites with the sequence each was sent at
     * (never an empty map): clearing the conversation up to a sequence, or deleting a message for oneself, takes
     * the favourite with it.
     */
    private final LinkedHashMap<String, LinkedHashMap<String, Long>> favourites = new LinkedHashMap<>();

    protected User() {
        // for Axon: an empty aggregate rebuilt from its events, or created by the user's first change
    }

    // ---- profile ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(UpdateProfile command) {
        checkIfMatch(command);
        for (String field : command.clear()) {
            if (!PROFILE_FIELDS.contains(field)) {
                throw UserRejectedException.invalid("cannot remove " + field + "; one of " + PROFILE_FIELDS
                        + " can be removed");
            }
        }
        Map<String, String> given = new LinkedHashMap<>();
        given.put("displayName", command.displayName());
        given.put("customData", command.customData());
        given.put("privateCustomData", command.privateCustomData());
        given.forEach((field, value) -> {
            if (value != null && command.clear().contains(field)) {
                throw UserRejectedException.invalid(field + " cannot be both set and removed");
            }
        });
        List<String> cleared = PROFILE_FIELDS.stream()
                .filter(field -> command.clear().contains(field) && profileField(field) != null)
                .toList();
        String newDisplayName = changedValue(command.displayName(), displayName);
        String newCustomData = changedValue(command.customData(), customData);
        String newPrivateCustomData = changedValue(command.privateCustomData(), privateCustomData);
        if (newDisplayName == null && newCustomData == null && newPrivateCustomData == null && cleared.isEmpty()) {
            return unchanged();
        }
        apply(new ProfileUpdated(command.userId(), newDisplayName, newCustomData, newPrivateCustomData, cleared));
        return changed();
    }

    /** {@code next} when it replaces {@code current} with something else (JSON is compared as text). */
    private static String changedValue(String next, String current) {
        return next != null && !next.equals(current) ? next : null;
    }

    private String profileField(String field) {
        return switch (field) {
            case "displayName" -> displayName;
            case "customData" -> customData;
            case "privateCustomData" -> privateCustomData;
            default -> throw new IllegalArgumentException(field);
        };
    }

    // ---- subscriptions ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(Subscribe command, UserLimits limits) {
        checkIfMatch(command);
        if (command.userIds().isEmpty()) {
            throw UserRejectedException.invalid("userIds names at least one user");
        }
        if (command.userIds().contains(command.userId())) {
            throw UserRejectedException.invalid("a user cannot subscribe to themselves");
        }
        Set<String> added = new LinkedHashSet<>(command.userIds());
        added.removeAll(subscriptions);
        if (added.isEmpty()) {
            return unchanged();
        }
        if (subscriptions.size() + added.size() > limits.maxSubscriptions()) {
            throw UserRejectedException.invalid("a user has at most " + limits.maxSubscriptions()
                    + " subscriptions; " + command.userId() + " has " + subscriptions.size()
                    + " and asked for " + added.size() + " more");
        }
        apply(new Subscribed(command.userId(), List.copyOf(added)));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(Unsubscribe command) {
        checkIfMatch(command);
        if (command.userIds().isEmpty()) {
            throw UserRejectedException.invalid("userIds names at least one user");
        }
        Set<String> removed = new LinkedHashSet<>(command.userIds());
        removed.retainAll(subscriptions);
        if (removed.isEmpty()) {
            return unchanged();
        }
        apply(new Unsubscribed(command.userId(), List.copyOf(removed)));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(UnsubscribeAll command) {
        checkIfMatch(command);
        if (subscriptions.isEmpty()) {
            return unchanged();
        }
        apply(new Unsubscribed(command.userId(), List.copyOf(subscriptions)));
        return changed();
    }

    // ---- push ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(SetPushEvents command) {
        checkIfMatch(command);
        for (String event : command.events()) {
            if (!PUSHABLE_EVENTS.contains(event)) {
                throw UserRejectedException.invalid("cannot push " + event + "; pushable are " + PUSHABLE_EVENTS);
            }
        }
        List<String> events = List.copyOf(new LinkedHashSet<>(command.events()));
        if (Set.copyOf(events).equals(Set.copyOf(pushEvents))) {
            return unchanged();
        }
        apply(new PushSettingsChanged(command.userId(), events));
        return changed();
    }

    // ---- per conversation ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(ChangeConversationSettings command) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        if (command.archived() == null && command.notificationLevel() == null) {
            throw UserRejectedException.invalid("names at least one of archived, notificationLevel");
        }
        if (command.notificationLevel() != null && !NOTIFICATION_DEFAULT.equals(command.notificationLevel())
                && !NOTIFICATION_MUTED.equals(command.notificationLevel())) {
            throw UserRejectedException.invalid("notificationLevel is " + NOTIFICATION_DEFAULT + " or "
                    + NOTIFICATION_MUTED + ", not " + command.notificationLevel());
        }
        String conversationId = command.conversationId();
        Boolean archived = command.archived() != null && command.archived() != archived(conversationId)
                ? command.archived() : null;
        String level = command.notificationLevel() != null
                && !command.notificationLevel().equals(notificationLevel(conversationId))
                ? command.notificationLevel() : null;
        if (archived == null && level == null) {
            return unchanged();
        }
        apply(new ConversationSettingsChanged(command.userId(), conversationId, archived, level));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(ClearConversation command) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        requireSequence("upToSequence", command.upToSequence());
        if (command.upToSequence() <= clearedUpTo(command.conversationId())) {
            return unchanged();
        }
        apply(new ConversationCleared(command.userId(), command.conversationId(), command.upToSequence()));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(DropConversation command) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        requireSequence("upToSequence", command.upToSequence());
        if (command.upToSequence() == droppedUpTo(command.conversationId())) {
            return unchanged();
        }
        apply(new ConversationDropped(command.userId(), command.conversationId(), command.upToSequence()));
        return changed();
    }

    /** Always appends: hidden ids are not kept, so a repeat cannot be recognised (see the class comment). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(HideMessages command) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        if (command.messages().isEmpty()) {
            throw UserRejectedException.invalid("messages names at least one message");
        }
        Map<String, HiddenMessage> hidden = new LinkedHashMap<>();
        for (HiddenMessage message : command.messages()) {
            requireId("messageId", message.messageId());
            requireSequence("the sequence of message " + message.messageId(), message.sequence());
            HiddenMessage earlier = hidden.putIfAbsent(message.messageId(), message);
            if (earlier != null && earlier.sequence() != message.sequence()) {
                throw UserRejectedException.invalid("message " + message.messageId() + " is given at sequences "
                        + earlier.sequence() + " and " + message.sequence());
            }
        }
        apply(new MessagesHidden(command.userId(), command.conversationId(), List.copyOf(hidden.values())));
        return changed();
    }

    // ---- favourites ----

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(AddFavourite command, UserLimits limits) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        requireId("messageId", command.messageId());
        if (isFavourite(command.conversationId(), command.messageId())) {
            return unchanged();
        }
        if (favouriteCount() + 1 > limits.maxFavourites()) {
            throw UserRejectedException.invalid("a user has at most " + limits.maxFavourites() + " favourites");
        }
        if (command.sequence() < 1) {
            throw UserRejectedException.invalid("a favourite's sequence must be at least 1, got " + command.sequence());
        }
        apply(new FavouriteAdded(command.userId(), command.conversationId(), command.messageId(), command.sequence()));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(RemoveFavourite command) {
        checkIfMatch(command);
        requireId("conversationId", command.conversationId());
        requireId("messageId", command.messageId());
        if (!isFavourite(command.conversationId(), command.messageId())) {
            return unchanged();
        }
        apply(new FavouriteRemoved(command.userId(), command.conversationId(), command.messageId()));
        return changed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UserChanged handle(ClearFavourites command) {
        checkIfMatch(command);
        if (favourites.isEmpty()) {
            return unchanged();
        }
        apply(new FavouritesCleared(command.userId()));
        return changed();
    }

    // ---- shared checks ----

    private void checkIfMatch(UserCommand command) {
        if (command.ifMatch() != null && command.ifMatch() != lastSequence) {
            throw new UserRejectedException(Rejection.PRECONDITION_FAILED, "user " + command.userId()
                    + " is at sequence " + lastSequence + (command.ifMatch() < 0 ? "" : ", not " + command.ifMatch()),
                    lastSequence);
        }
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw UserRejectedException.invalid(name + " is required");
        }
    }

    /** Conversation sequences start at 1 (creation). */
    private static void requireSequence(String name, long sequence) {
        if (sequence < 1) {
            throw UserRejectedException.invalid(name + " must be at least 1, got " + sequence);
        }
    }

    private UserChanged changed() {
        return new UserChanged(lastSequence, true);
    }

    private UserChanged unchanged() {
        return new UserChanged(lastSequence, false);
    }

    // ---- what readers may ask ----

    /** The user whose state this is; null before their first event. */
    public String userId() {
        return id == null ? null : UserStream.userId(id);
    }

    /** The sequence of the user's last event: 1 for the first, 0 before any. */
    public long lastSequence() {
        return lastSequence;
    }

    public String displayName() {
        return displayName;
    }

    /** JSON object as text, or null. */
    public String customData() {
        return customData;
    }

    /** JSON object as text, or null; for the user themselves only. */
    public String privateCustomData() {
        return privateCustomData;
    }

    /** The users this user is subscribed to, in the order they subscribed. */
    public List<String> subscriptions() {
        return List.copyOf(subscriptions);
    }

    /**
     * The conversation event types that trigger a push notification for the user, as last set;
     * {@link #DEFAULT_PUSH_EVENTS} ({@code ["message.sent"]}) until the user sets them, empty when they
     * turned push off.
     */
    public List<String> pushEvents() {
        return List.copyOf(pushEvents);
    }

    /** Whether the user archived the conversation; false by default. */
    public boolean archived(String conversationId) {
        PrivateConversationState state = conversations.get(conversationId);
        return state != null && state.archived;
    }

    /** {@code default} (the default) or {@code muted}. */
    public String notificationLevel(String conversationId) {
        PrivateConversationState state = conversations.get(conversationId);
        return state == null ? NOTIFICATION_DEFAULT : state.notificationLevel;
    }

    /** The sequence up to which the user cleared the conversation's history; 0 when they never did. */
    public long clearedUpTo(String conversationId) {
        PrivateConversationState state = conversations.get(conversationId);
        return state == null ? 0 : state.clearedUpTo;
    }

    /** The sequence up to which the user dropped the conversation from their recent list; 0 when never. */
    public long droppedUpTo(String conversationId) {
        PrivateConversationState state = conversations.get(conversationId);
        return state == null ? 0 : state.droppedUpTo;
    }

    public boolean isFavourite(String conversationId, String messageId) {
        Map<String, Long> messageIds = favourites.get(conversationId);
        return messageIds != null && messageIds.containsKey(messageId);
    }

    public int favouriteCount() {
        return favourites.values().stream().mapToInt(Map::size).sum();
    }

    // ---- state ----

    @EventSourcingHandler
    void on(ProfileUpdated event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        if (event.displayName() != null) {
            displayName = event.displayName();
        }
        if (event.customData() != null) {
            customData = event.customData();
        }
        if (event.privateCustomData() != null) {
            privateCustomData = event.privateCustomData();
        }
        for (String field : event.cleared()) {
            switch (field) {
                case "displayName" -> displayName = null;
                case "customData" -> customData = null;
                case "privateCustomData" -> privateCustomData = null;
                default -> {
                    // a field removed by a newer version: nothing this version keeps
                }
            }
        }
    }

    @EventSourcingHandler
    void on(Subscribed event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        subscriptions.addAll(event.userIds());
    }

    @EventSourcingHandler
    void on(Unsubscribed event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        event.userIds().forEach(subscriptions::remove);
    }

    @EventSourcingHandler
    void on(PushSettingsChanged event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        pushEvents.clear();
        pushEvents.addAll(event.events());
    }

    @EventSourcingHandler
    void on(ConversationSettingsChanged event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        PrivateConversationState state = conversation(event.conversationId());
        if (event.archived() != null) {
            state.archived = event.archived();
        }
        if (event.notificationLevel() != null) {
            state.notificationLevel = event.notificationLevel();
        }
    }

    @EventSourcingHandler
    void on(ConversationCleared event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        PrivateConversationState state = conversation(event.conversationId());
        state.clearedUpTo = Math.max(state.clearedUpTo, event.upToSequence());
        unfavourite(event.conversationId(), (messageId, sentAt) -> sentAt <= event.upToSequence());
    }

    @EventSourcingHandler
    void on(ConversationDropped event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        conversation(event.conversationId()).droppedUpTo = event.upToSequence();
    }

    @EventSourcingHandler
    void on(MessagesHidden event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        Set<String> hidden = new HashSet<>();
        event.messages().forEach(message -> hidden.add(message.messageId()));
        unfavourite(event.conversationId(), (messageId, sentAt) -> hidden.contains(messageId));
    }

    /** Drops the conversation's favourites that {@code gone} names. */
    private void unfavourite(String conversationId, BiPredicate<String, Long> gone) {
        Map<String, Long> messageIds = favourites.get(conversationId);
        if (messageIds != null) {
            messageIds.entrySet().removeIf(favourite -> gone.test(favourite.getKey(), favourite.getValue()));
            if (messageIds.isEmpty()) {
                favourites.remove(conversationId);
            }
        }
    }

    @EventSourcingHandler
    void on(FavouriteAdded event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        favourites.computeIfAbsent(event.conversationId(), conversationId -> new LinkedHashMap<>())
                .put(event.messageId(), event.sequence());
    }

    @EventSourcingHandler
    void on(FavouriteRemoved event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        unfavourite(event.conversationId(), (messageId, sentAt) -> messageId.equals(event.messageId()));
    }

    @EventSourcingHandler
    void on(FavouritesCleared event, @SequenceNumber long axonSequence) {
        at(event, axonSequence);
        favourites.clear();
    }

    /** Every event names its user; the first one gives the aggregate its identifier. */
    private void at(UserEvent event, long axonSequence) {
        id = UserStream.aggregateId(Objects.requireNonNull(event.userId(), "userId"));
        lastSequence = ConversationSequence.fromAxon(axonSequence);
    }

    private PrivateConversationState conversation(String conversationId) {
        return conversations.computeIfAbsent(conversationId, key -> new PrivateConversationState());
    }
}
