package io.parley;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.parley.conversation.Conversation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's structure: packages by feature with no cycles between them, and a read side that never
 * reaches into the write side (reads answer from the views and the event log, never from the aggregate or
 * its locking repository).
 */
class ArchitectureTest {
    private static JavaClasses service;

    @BeforeAll
    static void importTheServiceClasses() {
        service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> location.contains("/conversation-service/"))
                .importPackages("io.parley");
        System.out.printf("Architecture rules checked against %d classes of conversation-service%n", service.size());
        assertThat(service).as("the service's own classes").hasSizeGreaterThan(50);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.parley.(**)").should().beFreeOfCycles().check(service);
    }

    @Test
    void theReadSideDoesNotUseTheWriteSide() {
        noClasses().that().resideInAPackage("io.parley.read..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.write..",
                        "io.parley.conversation.command..", "org.axonframework.modelling..",
                        "org.axonframework.commandhandling..")
                .orShould().dependOnClassesThat().belongToAnyOf(Conversation.class)
                .because("reads answer from the views and the event log, never by loading the aggregate")
                .check(service);
    }

    @Test
    void theWriteSideDoesNotUseTheReadSide() {
        noClasses().that().resideInAPackage("io.parley.write..")
                .should().dependOnClassesThat().resideInAPackage("io.parley.read..")
                .because("a command's answer comes from the aggregate and the event log, not from views that may lag")
                .check(service);
    }

    @Test
    void sharedPlumbingDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("io.parley.http..", "io.parley.persistence..", "io.parley.eventlog..",
                        "io.parley.avro..", "io.parley.consistency..", "io.parley.config..", "io.parley.kafka..",
                        "io.parley.metrics..", "io.parley.tracing..")
                .should().dependOnClassesThat().resideInAnyPackage("io.parley.read..", "io.parley.write..",
                        "io.parley.projection..", "io.parley.relay..")
                .check(service);
    }
}
