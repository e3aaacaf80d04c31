package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void givenNoFlags_WhenParsed_ThenDefaultsAreClosedLoopManyAgainstLocalhost() {
        // when
        BenchArgs args = BenchArgs.parse();

        // then
        assertThat(args.url()).hasToString("http://localhost:8080");
        assertThat(args.scenario()).isEqualTo(Scenario.MANY);
        assertThat(args.users()).isEqualTo(1000);
        assertThat(args.conversations()).isEqualTo(300);
        assertThat(args.concurrency()).isEqualTo(32);
        assertThat(args.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(args.warmup()).isEqualTo(Duration.ofSeconds(10));
        assertThat(args.closedLoop()).isTrue();
        assertThat(args.tokenEndpoint()).isEqualTo("/v1/dev/tokens");
        assertThat(args.inFlight()).isEqualTo(1);
        assertThat(args.serverPid()).isZero();
        assertThat(args.reportEvery()).isZero();
    }

    @Test
    void givenEveryFlagInBothSpellings_WhenParsed_ThenEachIsTaken() {
        // when
        BenchArgs args = BenchArgs.parse("--url", "http://127.0.0.1:8099/", "--scenario=hot", "--users", "64",
                "--conversations", "7", "--concurrency=16", "--duration", "1.5m", "--warmup", "500ms",
                "--rate", "2000", "--token-endpoint", "/dev/tokens", "--in-flight", "4", "--server-pid=321",
                "--report-every", "1m");

        // then
        assertThat(args.url()).hasToString("http://127.0.0.1:8099");
        assertThat(args.scenario()).isEqualTo(Scenario.HOT);
        assertThat(args.users()).isEqualTo(64);
        assertThat(args.conversations()).isEqualTo(7);
        assertThat(args.concurrency()).isEqualTo(16);
        assertThat(args.duration()).isEqualTo(Duration.ofSeconds(90));
        assertThat(args.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(args.rate()).isEqualTo(2000.0);
        assertThat(args.closedLoop()).isFalse();
        assertThat(args.tokenEndpoint()).isEqualTo("/dev/tokens");
        assertThat(args.inFlight()).isEqualTo(4);
        assertThat(args.connections()).isEqualTo(64);
        assertThat(args.serverPid()).isEqualTo(321);
        assertThat(args.reportEvery()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void givenScenarioHot_WhenUsersOmitted_ThenFiftyUsers() {
        assertThat(BenchArgs.parse("--scenario", "hot").users()).isEqualTo(50);
    }

    @Test
    void givenBareNumber_WhenParsedAsDuration_ThenSeconds() {
        assertThat(BenchArgs.parseDuration("20")).isEqualTo(Duration.ofSeconds(20));
        assertThat(BenchArgs.parseDuration("0s")).isZero();
    }

    @Test
    void givenBadInput_WhenParsed_ThenTheReasonIsNamed() {
        assertThatThrownBy(() -> BenchArgs.parse("--bogus", "1")).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> BenchArgs.parse("--scenario", "cold")).hasMessageContaining("many or hot");
        assertThatThrownBy(() -> BenchArgs.parse("--users", "1")).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> BenchArgs.parse("--concurrency", "0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> BenchArgs.parse("--rate", "0")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchArgs.parse("--url", "https://x")).hasMessageContaining("http://");
        assertThatThrownBy(() -> BenchArgs.parse("--duration")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchArgs.parse("--duration", "soon")).hasMessageContaining("not a duration");
    }
}
