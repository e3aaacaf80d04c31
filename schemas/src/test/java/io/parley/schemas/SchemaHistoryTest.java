package io.parley.schemas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaHistoryTest {

    @Test
    void eachContractHasItsOwnDirectoryAndRecord() {
        assertThat(SchemaHistory.CONVERSATION_EVENTS.index()).isEqualTo("io/parley/events/conversation/history/index.txt");
        assertThat(SchemaHistory.USER_EVENTS.index()).isEqualTo("io/parley/events/user/history/index.txt");
        assertThat(SchemaHistory.EPHEMERAL_SIGNALS.index()).isEqualTo("io/parley/events/ephemeral/history/index.txt");
        assertThat(SchemaHistory.USER_EVENTS.recordName()).isEqualTo("io.parley.events.user.UserEvent");
        assertThat(SchemaHistory.EPHEMERAL_SIGNALS.fileName(3)).isEqualTo("EphemeralSignal-v3.avsc");
    }

    @Test
    void refusesAnUnlistedVersion() {
        assertThatThrownBy(() -> SchemaHistory.USER_EVENTS.load(99))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Version 99 is not listed in io/parley/events/user/history/index.txt");
    }

    @Test
    void refusesAnIndexListingAnotherRecordsFiles() {
        SchemaHistory mismatched = new SchemaHistory(SchemaHistory.USER_EVENTS.directory(),
                "io.parley.events.ephemeral.EphemeralSignal");

        assertThatThrownBy(mismatched::list)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lists 'UserEvent-v1.avsc', expected EphemeralSignal-vN.avsc");
    }

    @Test
    void refusesAFileDefiningAnotherRecord() {
        // same simple name, other namespace: the file names match but the record does not
        SchemaHistory mismatched = new SchemaHistory(SchemaHistory.USER_EVENTS.directory(),
                "io.parley.events.other.UserEvent");

        assertThatThrownBy(mismatched::released)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UserEvent-v1.avsc defines io.parley.events.user.UserEvent, "
                        + "expected io.parley.events.other.UserEvent");
    }

    @Test
    void refusesAMissingDirectory() {
        SchemaHistory missing = new SchemaHistory("io/parley/events/nothing/history/", "io.parley.events.nothing.Nothing");

        assertThatThrownBy(missing::latest)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Missing classpath resource io/parley/events/nothing/history/index.txt");
    }
}
