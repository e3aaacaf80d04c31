package io.parley.schemas;

import io.parley.events.conversation.ConversationEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published schema may only evolve in ways that every released version can follow, both ways. */
class SchemaCompatibilityTest {

    private static final Schema CURRENT = ConversationEvent.getClassSchema();

    static List<SchemaHistory.Version> released() {
        return SchemaHistory.released();
    }

    @Test
    void historyHoldsVersionOne() {
        assertThat(SchemaHistory.class.getClassLoader()
                .getResource(SchemaHistory.DIRECTORY + "ConversationEvent-v1.avsc")).isNotNull();
        assertThat(SchemaHistory.list()).startsWith("ConversationEvent-v1.avsc");

        SchemaHistory.Version v1 = SchemaHistory.load(1);

        assertThat(v1.number()).isEqualTo(1);
        assertThat(v1.schema().getFullName()).isEqualTo("io.parley.events.conversation.ConversationEvent");
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("released")
    void currentSchemaIsFullyCompatibleWithReleasedVersion(SchemaHistory.Version version) {
        // the current reader reads what the released version wrote (backward)
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(CURRENT, version.schema());
        // a consumer still on the released version reads what the current one writes (forward)
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(version.schema(), CURRENT);

        assertThat(backward.getType())
                .as("current reading v%d: %s", version.number(), backward.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(forward.getType())
                .as("v%d reading current: %s", version.number(), forward.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void currentSchemaIsReleased() {
        // Docs may change freely (they are not part of the fingerprint); anything else needs a new version.
        assertThat(ConversationEventCodec.fingerprint(CURRENT))
                .as("the current schema differs from the latest released one: copy it to %s"
                        + "ConversationEvent-vN.avsc and list it in %s", SchemaHistory.DIRECTORY, SchemaHistory.INDEX)
                .isEqualTo(SchemaHistory.latest().fingerprint());
    }
}
