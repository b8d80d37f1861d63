package dev.tourniquet.cli.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command line depends one way: {@code Main} (package {@code dev.tourniquet.cli}) dispatches to one
 * package per command; every command may use {@code cli.local} (the local deployment and the command-line
 * plumbing), never another command; {@code cli.local} knows no command and not {@code Main}. The handlers
 * stand alone: none uses another, nor the command line. No package cycle anywhere in the project's classes
 * on this classpath (the command line, the three handlers, shared). A back arrow fails here, named.
 */
class CommandLayeringTest {
    /** One package each under {@code dev.tourniquet.cli}; only {@code Main} uses them. */
    static final List<String> COMMANDS = List.of("plan", "replay", "events", "simulate", "release", "bench");

    private static final String MAIN = "dev.tourniquet.cli";
    private static final String LOCAL = "dev.tourniquet.cli.local..";

    private static final JavaClasses PROJECT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tourniquet");

    @Test
    void packages_haveNoCycles() {
        slices().matching("dev.tourniquet.(**)").should().beFreeOfCycles().check(PROJECT);
    }

    @Test
    void commands_neverDependOnEachOther() {
        for (String command : COMMANDS) {
            noClasses().that().resideInAPackage(command(command))
                    .should().dependOnClassesThat().resideInAnyPackage(COMMANDS.stream()
                            .filter(other -> !other.equals(command)).map(CommandLayeringTest::command)
                            .toArray(String[]::new))
                    .because("a command shares code with others only through cli.local")
                    .check(PROJECT);
        }
    }

    @Test
    void local_knowsNoCommandAndNotMain() {
        noClasses().that().resideInAPackage(LOCAL)
                .should().dependOnClassesThat().resideInAnyPackage(
                        COMMANDS.stream().map(CommandLayeringTest::command).toArray(String[]::new))
                .orShould().dependOnClassesThat().resideInAPackage(MAIN)
                .because("cli.local is what every command stands on")
                .check(PROJECT);
    }

    @Test
    void onlyMain_reachesTheCommands() {
        for (String command : COMMANDS) {
            noClasses().that().resideOutsideOfPackages(MAIN, command(command))
                    .should().dependOnClassesThat().resideInAPackage(command(command))
                    .check(PROJECT);
        }
    }

    @Test
    void everyCliClass_isMainLocalOrACommand() {
        List<String> packages = new java.util.ArrayList<>(List.of(MAIN, LOCAL));
        COMMANDS.forEach(command -> packages.add(command(command)));
        noClasses().that().resideInAPackage("dev.tourniquet.cli..")
                .should().resideOutsideOfPackages(packages.toArray(String[]::new))
                .because("a new package under cli is a command (add it to COMMANDS) or belongs in cli.local")
                .check(PROJECT);
        classes().that().resideInAPackage(MAIN).should().haveNameMatching("dev\\.tourniquet\\.cli\\.Main(\\$.*)?")
                .because("dev.tourniquet.cli holds Main only: it dispatches to the commands")
                .check(PROJECT);
    }

    @Test
    void handlers_standAlone() {
        slices().matching("dev.tourniquet.function.(*)..").should().notDependOnEachOther().check(PROJECT);
        noClasses().that().resideInAPackage("dev.tourniquet.function..")
                .should().dependOnClassesThat().resideInAPackage("dev.tourniquet.cli..")
                .check(PROJECT);
    }

    private static String command(String name) {
        return "dev.tourniquet.cli." + name + "..";
    }
}
