package io.parley.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.parley.kafka.KafkaCluster;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready only while a Kafka broker answers. */
@Singleton
@Readiness
public class KafkaHealth implements HealthIndicator {
    private final Admin admin;

    KafkaHealth(KafkaCluster cluster) {
        this.admin = Admin.create(cluster.adminConfig());
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .nodes().get(3, TimeUnit.SECONDS).size();
            return HealthResult.builder("kafka", brokers > 0 ? HealthStatus.UP : HealthStatus.DOWN)
                    .details(Map.of("brokers", brokers)).build();
        } catch (Exception e) {
            return HealthResult.builder("kafka", HealthStatus.DOWN).exception(e).build();
        }
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
