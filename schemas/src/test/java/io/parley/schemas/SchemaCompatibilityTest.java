package io.parley.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every published schema may only evolve in ways that each of its released versions can follow,
 * both ways. Run for each contract.
 */
class SchemaCompatibilityTest {

    static List<Contract<?>> contracts() {
        return Contract.all();
    }

    /** Every released version of every contract. */
    static Stream<Arguments> released() {
        return Contract.all().stream().flatMap(contract -> contract.history().released().stream()
                .map(version -> Arguments.of(contract,
                        Named.of(contract.name() + "-v" + version.number(), version))));
    }

    private static Schema current(Contract<?> contract) {
        return contract.codec().get().schema();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void historyHoldsVersionOne(Contract<?> contract) {
        SchemaHistory history = contract.history();
        assertThat(SchemaHistory.class.getClassLoader()
                .getResource(history.directory() + contract.name() + "-v1.avsc")).isNotNull();
        assertThat(history.list()).startsWith(contract.name() + "-v1.avsc");

        SchemaHistory.Version v1 = history.load(1);

        assertThat(v1.number()).isEqualTo(1);
        assertThat(v1.resource()).isEqualTo(history.directory() + contract.name() + "-v1.avsc");
        assertThat(v1.schema().getFullName()).isEqualTo(contract.type().getName()).isEqualTo(history.recordName());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("released")
    void currentSchemaIsFullyCompatibleWithReleasedVersion(Contract<?> contract, SchemaHistory.Version version) {
        Schema current = current(contract);
        // the current reader reads what the released version wrote (backward)
        var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, version.schema());
        // a consumer still on the released version reads what the current one writes (forward)
        var forward = SchemaCompatibility.checkReaderWriterCompatibility(version.schema(), current);

        assertThat(backward.getType())
                .as("current reading v%d: %s", version.number(), backward.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(forward.getType())
                .as("v%d reading current: %s", version.number(), forward.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void currentSchemaIsReleased(Contract<?> contract) {
        SchemaHistory history = contract.history();
        // Docs may change freely (they are not part of the fingerprint); anything else needs a new version.
        assertThat(SingleObjectCodec.fingerprint(current(contract)))
                .as("the current schema differs from the latest released one: copy it to %s%s-vN.avsc"
                        + " and list it in %s", history.directory(), contract.name(), history.index())
                .isEqualTo(history.latest().fingerprint());
    }
}
