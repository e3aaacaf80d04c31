package io.parley.projection;

import io.parley.conversation.event.ConversationCreated;
import io.parley.conversation.event.ConversationDeleted;
import io.parley.conversation.event.ConversationEdited;
import io.parley.conversation.event.DeliveredAdvanced;
import io.parley.conversation.event.MessageEdited;
import io.parley.conversation.event.MessageRemoved;
import io.parley.conversation.event.MessageSent;
import io.parley.conversation.event.ParticipantJoined;
import io.parley.conversation.event.ParticipantLeft;
import io.parley.conversation.event.ParticipantPermissionsChanged;
import io.parley.conversation.event.ParticipantRemoved;
import io.parley.conversation.event.ParticipantsAdded;
import io.parley.conversation.event.ReadAdvanced;
import io.parley.conversation.event.ReadSet;
import io.parley.conversation.model.ConversationKind;
import io.parley.conversation.model.HistoryVisibility;
import io.parley.conversation.model.Media;
import io.parley.conversation.model.MessageRef;
import io.parley.conversation.model.ParticipantSpec;
import io.parley.conversation.model.Permissions;
import io.parley.events.conversation.ConversationEvent;
import io.parley.avro.AvroEventMapper;
import io.parley.schemas.ConversationEventCodec;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import io.parley.persistence.Sql;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views come out the same however often each record arrives, in any order Kafka allows for one
 * key: in sequence, with any earlier records delivered again (redelivery after a crash).
 */
class ConversationProjectionTest {
    private static final String ID = "c-1";
    private final ConversationProjection projection = new ConversationProjection();
    private final ConversationEventCodec codec = new ConversationEventCodec();
    private JdbcDataSource database;

    @BeforeEach
    void setUp() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    /** Every event type once, as published (decoded from the wire, like the projector reads them). */
    private List<ConversationEvent> log() {
        Permissions member = Permissions.defaults();
        List<io.parley.conversation.event.ConversationEvent> events = List.of(
                new ConversationCreated(ID, "alice", "Team", ConversationKind.GROUP, true, "team", "{\"a\":1}",
                        HistoryVisibility.SHARED, List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()),
                        new ParticipantSpec("bob", member))),
                new MessageSent(ID, "bob", "m-1", "hello", "[{\"k\":1}]", "{\"x\":2}",
                        List.of(new Media("image", "https://x/1.png", "1.png", 10, "image/png", null, null, "cap")),
                        null, List.of("alice"), new MessageRef("other", "m-0")),
                new ParticipantsAdded(ID, "alice", List.of(new ParticipantSpec("carol", member))),
                new ParticipantJoined(ID, "dave", "dave", member),
                new ConversationEdited(ID, "alice", "Renamed", null, null, null, List.of("customData")),
                new MessageSent(ID, "carol", "m-2", "to remove", null, null, List.of(), "m-1", List.of(), null),
                new MessageEdited(ID, "bob", "m-1", "hello, edited", null, null, List.of("attributes")),
                new MessageRemoved(ID, "carol", "m-2"),
                new ReadAdvanced(ID, "bob", "bob", 8),
                new ReadSet(ID, "bob", "bob", 3),
                new DeliveredAdvanced(ID, "carol", "carol", 9),
                new ParticipantPermissionsChanged(ID, "alice", "carol", Permissions.ownerPermissions()),
                new ParticipantLeft(ID, "dave", "dave"),
                new ParticipantRemoved(ID, "alice", "bob"),
                new ParticipantJoined(ID, "dave", "dave", member),
                new ConversationDeleted(ID, "alice"));
        AvroEventMapper mapper = new AvroEventMapper();
        List<ConversationEvent> published = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            published.add(codec.decode(codec.encode(mapper.toAvro(events.get(i), i + 1, "e-" + i,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)))));
        }
        return published;
    }

    private List<String> applied(List<ConversationEvent> deliveries) throws SQLException {
        try (Connection connection = database.getConnection()) {
            // one batch per delivery, as if every record came in a poll of its own: the most writes
            for (ConversationEvent event : deliveries) {
                ConversationProjection.Batch batch = projection.batch(connection);
                assertThat(batch.apply(event)).isNotEqualTo(ConversationProjection.Outcome.GAP);
                batch.flush();
            }
            return ViewRows.of(connection, ID);
        }
    }

    private List<String> appliedInOneBatch(List<ConversationEvent> deliveries) throws SQLException {
        try (Connection connection = database.getConnection()) {
            ConversationProjection.Batch batch = projection.batch(connection);
            // as the projector does for a poll: positions first, for all the batch's conversations
            batch.lookUpPositions(deliveries.stream().map(ConversationEvent::getConversationId).toList());
            for (ConversationEvent event : deliveries) {
                assertThat(batch.apply(event)).isNotEqualTo(ConversationProjection.Outcome.GAP);
            }
            batch.flush();
            return ViewRows.of(connection, ID);
        }
    }

    @Test
    void givenEveryEventType_WhenAppliedInOrder_ThenViewsHoldTheConversationAsItIsNow() throws SQLException {
        List<String> rows = applied(log());
        assertThat(rows.get(0)).contains("title=Renamed;", "custom_data=null;", "public_join=true;",
                "last_sequence=16;", "participant_count=3;", "message_count=1;", "last_message_id=m-2;",
                "deleted=true;");
        assertThat(String.join("\n", rows)).contains("user_id=bob;", "active=false;", "left_sequence=14;")
                .contains("text=hello, edited;", "attributes=null;").contains("message_id=m-2;")
                .contains("removed=true;").contains("read_sequence=3;").contains("delivered_sequence=9;");
    }

    @Test
    void givenEveryRecordTwice_WhenApplied_ThenTheViewsAreIdentical() throws SQLException {
        List<String> once = applied(log());
        setUp();
        List<ConversationEvent> twice = new ArrayList<>();
        for (ConversationEvent event : log()) {
            twice.add(event);
            twice.add(event);
        }
        assertThat(applied(twice)).isEqualTo(once);
    }

    @Test
    void givenRedeliveredPrefixesAfterCrashes_WhenApplied_ThenTheViewsAreIdentical() throws SQLException {
        List<ConversationEvent> log = log();
        List<String> once = applied(log);
        for (int crashAfter = 1; crashAfter < log.size(); crashAfter += 3) {
            setUp();
            List<ConversationEvent> deliveries = new ArrayList<>(log.subList(0, crashAfter));
            deliveries.addAll(log.subList(0, crashAfter)); // everything since the last committed offset again
            deliveries.addAll(log.subList(crashAfter, log.size()));
            deliveries.addAll(log.subList(log.size() / 2, log.size()));
            assertThat(applied(deliveries)).as("crash after %d", crashAfter).isEqualTo(once);
        }
    }

    @Test
    void givenEveryRecordTwiceInOneBatch_WhenApplied_ThenTheViewsAreIdentical() throws SQLException {
        List<String> once = applied(log());
        setUp();
        List<ConversationEvent> twice = new ArrayList<>(log());
        twice.addAll(log());
        assertThat(appliedInOneBatch(twice)).isEqualTo(once);
    }

    @Test
    void givenAMessageThenSomeoneAddedInOneBatch_WhenApplied_ThenTheNewcomerStandsByTheirJoin() throws SQLException {
        AvroEventMapper mapper = new AvroEventMapper();
        List<io.parley.conversation.event.ConversationEvent> events = List.of(
                new ConversationCreated(ID, "alice", "Team", ConversationKind.GROUP, false, null, null,
                        HistoryVisibility.SHARED, List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()))),
                new MessageSent(ID, "alice", "m-1", "before bob", null, null, List.of(), null, List.of(), null),
                new ParticipantsAdded(ID, "alice", List.of(new ParticipantSpec("bob", Permissions.defaults()))));
        List<ConversationEvent> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            log.add(codec.decode(codec.encode(mapper.toAvro(events.get(i), i + 1, "e-" + i,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)))));
        }
        appliedInOneBatch(log);
        try (Connection connection = database.getConnection()) {
            String bobsRow = Sql.query(connection, "SELECT last_activity_sequence, last_activity_millis FROM inbox_view "
                    + "WHERE conversation_id = ? AND user_id = 'bob'", rows -> rows.next()
                    ? rows.getLong(1) + "@" + rows.getLong(2) : "no row", ID);
            assertThat(bobsRow).as("bob's inbox row: his join, not the message before it").isEqualTo("3@1767225602000");
        }
    }

    @Test
    void givenAJoinAndALeaveInOneBatch_WhenApplied_ThenTheInboxRowIsAsOneEventAtATime() throws SQLException {
        AvroEventMapper mapper = new AvroEventMapper();
        List<io.parley.conversation.event.ConversationEvent> events = List.of(
                new ConversationCreated(ID, "alice", "Team", ConversationKind.GROUP, true, null, null,
                        HistoryVisibility.SHARED, List.of(new ParticipantSpec("alice", Permissions.ownerPermissions()))),
                new ParticipantJoined(ID, "dave", "dave", Permissions.defaults()),
                new MessageSent(ID, "alice", "m-1", "while dave is in", null, null, List.of(), null, List.of(), null),
                new ParticipantLeft(ID, "dave", "dave"),
                new MessageSent(ID, "alice", "m-2", "after dave left", null, null, List.of(), null, List.of(), null),
                new ParticipantJoined(ID, "erin", "erin", Permissions.defaults()),
                new ParticipantLeft(ID, "erin", "erin"));
        List<ConversationEvent> log = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            log.add(codec.decode(codec.encode(mapper.toAvro(events.get(i), i + 1, "e-" + i,
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)))));
        }
        List<String> oneAtATime = applied(log);
        assertThat(String.join("\n", oneAtATime)).contains("user_id=dave;last_activity_sequence=3;")
                .contains("user_id=erin;last_activity_sequence=6;");
        setUp();
        assertThat(appliedInOneBatch(log)).isEqualTo(oneAtATime);
    }

    @Test
    void givenARecordMoreThanOneAhead_WhenApplied_ThenGapAndNothingWritten() throws SQLException {
        List<ConversationEvent> log = log();
        try (Connection connection = database.getConnection()) {
            ConversationProjection.Batch batch = projection.batch(connection);
            batch.apply(log.get(0));
            batch.apply(log.get(1));
            batch.flush();
            List<String> before = ViewRows.of(connection, ID);
            assertThat(batch.apply(log.get(3))).isEqualTo(ConversationProjection.Outcome.GAP);
            batch.flush();
            assertThat(ViewRows.of(connection, ID)).isEqualTo(before);
        }
    }
}
