package io.parley.projection;

import io.parley.persistence.Database;
import io.parley.persistence.JdbcTransactions;
import io.parley.avro.AvroEventMapper;
import io.parley.support.ApiClient;
import io.parley.support.PublishedEvents;
import io.parley.support.TestInfrastructure;
import io.parley.support.TestServer;
import io.parley.events.conversation.ConversationEvent;
import io.parley.schemas.ConversationEventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.common.transaction.Transaction;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The projector follows the topic into the views, and heals a gap from the event store. */
class ProjectorIntegrationTest {

    @Test
    void givenConversationActivity_WhenProjected_ThenViewsMatchAndAGapIsHealedToTheSameRows() throws Exception {
        try (TestServer server = TestServer.onPostgres("projector", Map.of()).start()) {
            ApiClient api = server.api();
            String alice = api.token("alice");
            String bob = api.token("bob");
            String id = "p-" + UUID.randomUUID();
            String base = "/v1/conversations/" + id;
            assertThat(api.post("/v1/conversations", alice, "{\"conversationId\":\"" + id
                    + "\",\"title\":\"Team\",\"participants\":[{\"userId\":\"bob\"}]}").status()).isEqualTo(201);
            api.post(base + "/messages", bob, "{\"messageId\":\"m-1\",\"text\":\"hello\"}");
            api.post(base + "/messages", alice, "{\"messageId\":\"m-2\",\"text\":\"gone soon\"}");
            api.patch(base + "/messages/m-1", bob, "{\"text\":\"hello, edited\"}");
            api.delete(base + "/messages/m-2", alice);
            api.post(base + "/read", bob, "{\"sequence\":5}");
            long last = api.get(base + "/events?after=0", alice).body().get("lastSequence").asLong();

            Database database = server.bean(Database.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> lastApplied(database, id) == last);
            List<String> projected;
            try (Connection connection = database.dataSource().getConnection()) {
                projected = ViewRows.of(connection, id);
            }
            assertThat(projected.get(0)).contains("title=Team;", "participant_count=2;", "message_count=1;",
                    "last_sequence=" + last + ";");
            assertThat(String.join("\n", projected)).contains("text=hello, edited;").contains("removed=true;")
                    .contains("read_sequence=5;");

            // given: the views lose this conversation, and only its last record arrives again
            ProjectionApplier applier = server.bean(ProjectionApplier.class);
            long gapsBefore = applier.gapsHealed();
            ConversationEvent lastRecord = lastPublished(server, id, last);
            JdbcTransactions transactions = server.bean(JdbcTransactions.class);
            Transaction transaction = transactions.startTransaction();
            try (Connection connection = transactions.getConnection()) {
                for (String table : List.of("message_view", "participant_view", "conversation_view")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE conversation_id = ?")) {
                        delete.setString(1, id);
                        delete.executeUpdate();
                    }
                }
                // when
                ConversationProjection.Batch batch = applier.batch(connection);
                applier.apply(batch, lastRecord);
                batch.flush();
                transaction.commit();
            } catch (RuntimeException e) {
                transaction.rollback();
                throw e;
            }

            // then: the gap was counted and healed from the event store into the very same rows
            assertThat(applier.gapsHealed()).isEqualTo(gapsBefore + 1);
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(ViewRows.of(connection, id)).isEqualTo(projected);
            }

            // and the operator sees it: counters and the projector's lag per partition in /metrics
            java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(server.uri().resolve("/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("parley_projection_gaps_total " + (double) (gapsBefore + 1))
                    .contains("parley_projection_duplicates_total").contains("parley_relay_events_published_total")
                    .contains("kafka_consumer_fetch_manager_records_lag");
        }
    }

    private static long lastApplied(Database database, String id) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            return new ConversationProjection().lastApplied(connection, id);
        }
    }

    private static ConversationEvent lastPublished(TestServer server, String id, long sequence) {
        await().atMost(Duration.ofSeconds(60)).until(() -> PublishedEvents.of(TestInfrastructure.kafkaBootstrap(),
                server.topic(), id).stream().anyMatch(record -> record.sequence() == sequence));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(server.topic()).stream()
                    .map(p -> new TopicPartition(server.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConversationEventCodec codec = new ConversationEventCodec();
            while (true) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    ConversationEvent event = codec.decode(record.value());
                    if (id.equals(record.key()) && event.getSequence() == sequence) {
                        return event;
                    }
                }
            }
        }
    }
}
