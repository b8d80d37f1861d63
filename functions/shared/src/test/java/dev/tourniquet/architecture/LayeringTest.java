package dev.tourniquet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared module's packages follow the flow of an event and depend one way: each layer only on the
 * layers below it, and no package cycle anywhere (a {@code step.<service>} may use another service's steps,
 * never in a circle). A change that adds a back arrow fails here, with the offending dependency named.
 */
class LayeringTest {
    /** Bottom to top: the path of an event, after the ground floor. */
    static final List<String> LAYERS = List.of("internal", "signal", "step", "playbook", "records", "flow");

    private static final JavaClasses SHARED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tourniquet");

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.tourniquet.(**)").should().beFreeOfCycles().check(SHARED);
    }

    @Test
    void everyLayer_dependsOnlyOnLayersBelowIt() {
        for (int i = 0; i < LAYERS.size() - 1; i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(l -> "dev.tourniquet." + l + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.tourniquet." + LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above)
                    .because(LAYERS.get(i) + " sits below " + String.join(", ", LAYERS.subList(i + 1, LAYERS.size())))
                    .check(SHARED);
        }
    }

    @Test
    void sharedCode_neverReachesUpToHandlersOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(LAYERS.stream().map(l -> "dev.tourniquet." + l + "..")
                        .toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("dev.tourniquet.function..", "dev.tourniquet.cli..")
                .check(SHARED);
    }

    @Test
    void everySharedClass_livesInALayer() {
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().map(l -> "dev.tourniquet." + l + "..")
                .toArray(String[]::new)).check(SHARED);
    }

    @Test
    void onlyTheRecords_touchDynamoDb() {
        noClasses().that().resideOutsideOfPackages("dev.tourniquet.records..", "dev.tourniquet.internal..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk.services.dynamodb..")
                .because("the records own the incident table: nothing else reads or writes it")
                .check(SHARED);
    }
}
