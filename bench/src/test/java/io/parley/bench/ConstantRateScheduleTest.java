package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstantRateScheduleTest {

    @Test
    void givenFourSendersAt1000PerSecond_WhenScheduled_ThenTheyTakeTurnsOneMillisecondApart() {
        // given
        long start = 5_000_000_000L;
        List<Long> all = new ArrayList<>();

        // when
        for (int i = 0; i < 4; i++) {
            ConstantRateSchedule s = new ConstantRateSchedule(start, 1000, 4, i);
            for (long n = 0; n < 10; n++) {
                all.add(s.intendedNanos(n));
            }
        }

        // then: together, one send every millisecond from the start, none twice
        all.sort(Long::compare);
        for (int k = 0; k < all.size(); k++) {
            assertThat(all.get(k)).isEqualTo(start + k * 1_000_000L);
        }
        // and each sender alone every 4 ms
        ConstantRateSchedule second = new ConstantRateSchedule(start, 1000, 4, 1);
        assertThat(second.intendedNanos(0)).isEqualTo(start + 1_000_000L);
        assertThat(second.intendedNanos(1)).isEqualTo(start + 5_000_000L);
    }

    @Test
    void givenAnEndTime_WhenCountingSendsBeforeIt_ThenOnlySlotsStrictlyBeforeTheEnd() {
        // given 3 senders at 300/s: slots every 3.333… ms; sender 0 at 0, 10, 20 ms …
        ConstantRateSchedule first = new ConstantRateSchedule(0, 300, 3, 0);
        ConstantRateSchedule last = new ConstantRateSchedule(0, 300, 3, 2);

        // then
        assertThat(first.sendsBefore(0)).isZero();
        assertThat(first.sendsBefore(1)).isEqualTo(1);
        assertThat(first.sendsBefore(10_000_000L)).isEqualTo(1);
        assertThat(first.sendsBefore(10_000_001L)).isEqualTo(2);
        assertThat(last.sendsBefore(6_666_667L)).isZero();
        assertThat(last.sendsBefore(6_666_668L)).isEqualTo(1);
        // one second at 300/s over 3 senders is 100 each
        assertThat(first.sendsBefore(1_000_000_000L)).isEqualTo(100);
        assertThat(last.sendsBefore(1_000_000_000L)).isEqualTo(100);
    }

    @Test
    void givenAFractionalRate_WhenScheduled_ThenTheOffsetDoesNotDrift() {
        // given 7 senders at 333 msg/s
        ConstantRateSchedule s = new ConstantRateSchedule(0, 333, 7, 3);

        // then the millionth send is where exact arithmetic puts it, within rounding
        long n = 1_000_000;
        double exact = (n * 7 + 3) * 1e9 / 333;
        assertThat((double) s.intendedNanos(n)).isCloseTo(exact, org.assertj.core.data.Offset.offset(1.0));
    }
}
