package dev.tourniquet.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Spreads {@link FaultIT}'s scenarios over its lanes ({@code FaultLane1IT} …, empty subclasses), which failsafe
 * runs in its parallel test JVMs, each with a moto server and a WireMock of its own: a scenario spends most of its
 * time waiting (the SDK's backoff, the proxy's stalls, the emulator), so several play at once on two cores. Before
 * a scenario, a lane claims it by creating a file named after it in the test command's run directory (atomic: one
 * lane wins); the lane that claimed it plays it, the others skip it. Lanes take scenarios as they come free, so a
 * long scenario never holds up a queue of short ones, and a scenario added to FaultIT joins the lanes by itself.
 * {@code FaultIT} run by itself (or by name, {@code -Dit.test='FaultIT#scenario*'}) plays every scenario selected.
 */
final class FaultLanes implements ExecutionCondition {
    /**
     * This test command's directory: the lanes of one {@code mvn verify} share it (the build's start time, which the
     * parent pom passes as {@code tourniquet.itRun}); without it, this JVM's own.
     */
    static final Path RUN = Emulator.root().resolve("it/target/reliability/runs").resolve(
            System.getProperty("tourniquet.itRun", "jvm-" + ProcessHandle.current().pid()));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty() || context.getRequiredTestClass() == FaultIT.class) {
            return ConditionEvaluationResult.enabled("FaultIT plays every scenario selected");
        }
        Path claim = RUN.resolve("claims").resolve(context.getRequiredTestMethod().getName());
        try {
            Files.createDirectories(claim.getParent());
            Files.createFile(claim);
            return ConditionEvaluationResult.enabled("claimed by " + context.getRequiredTestClass().getSimpleName());
        } catch (FileAlreadyExistsException e) {
            return ConditionEvaluationResult.disabled("played by another fault lane");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim " + claim, e);
        }
    }
}
