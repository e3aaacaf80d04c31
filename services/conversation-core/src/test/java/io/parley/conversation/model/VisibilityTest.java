package io.parley.conversation.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The visibility rule as a table: who, in which kind of conversation, reads which range. */
class VisibilityTest {
    private static final long OPEN = Long.MAX_VALUE;

    @ParameterizedTest(name = "{0}: joined {1}, left {2}, {3}, public {4} -> {5}..{6}")
    @CsvSource(nullValues = "none", textBlock = """
            # reader,                         joined, left, history, public, from, to
            creator,                          1,      0,    SHARED,  false,  1,    OPEN
            member added later,               9,      0,    SHARED,  false,  1,    OPEN
            late joiner,                      9,      0,    JOINED,  false,  9,    OPEN
            creator of a joined-only one,     1,      0,    JOINED,  false,  1,    OPEN
            left,                             1,      7,    SHARED,  false,  1,    7
            removed late joiner,              9,      12,   JOINED,  false,  9,    12
            former member of a public one,    1,      7,    SHARED,  true,   1,    7
            re-added after leaving,           15,     0,    SHARED,  false,  1,    OPEN
            re-added to a joined-only one,    15,     0,    JOINED,  false,  15,   OPEN
            outsider of a public one,         none,   none, SHARED,  true,   1,    OPEN
            outsider of a public joined one,  none,   none, JOINED,  true,   1,    OPEN
            outsider,                         none,   none, SHARED,  false,  none, none
            outsider of a joined-only one,    none,   none, JOINED,  false,  none, none
            """)
    void readableRange(String reader, Long joined, Long left, HistoryVisibility history, boolean publicJoin,
                       Long from, String to) {
        Participation participation = joined == null ? null : new Participation(joined, left);
        Optional<ReadableRange> range = Visibility.readableRange(participation, history, publicJoin);
        if (from == null) {
            assertThat(range).as(reader).isEmpty();
        } else {
            assertThat(range).as(reader)
                    .contains(new ReadableRange(from, "OPEN".equals(to) ? OPEN : Long.parseLong(to)));
        }
    }

    @ParameterizedTest(name = "horizon {0} in {1}.. counts above {2}")
    @CsvSource({"0, 1, 0", "5, 1, 5", "0, 9, 8", "3, 9, 8", "12, 9, 12"})
    void unreadCountsStartAtTheHorizonButNeverBeforeTheRange(long lastRead, long from, long above) {
        assertThat(new ReadableRange(from, OPEN).unreadHorizon(lastRead)).isEqualTo(above);
    }
}
