package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.List;

/**
 * What the attacker does with the key, as in the incidents Tourniquet answers: mining functions in three
 * regions, each re-run every 3 minutes by an EventBridge rule the attacker creates and kept running for
 * Lambda's 15-minute maximum, and a GPU instance in a region the owner never uses.
 *
 * @param functionRegions   where the mining functions are created
 * @param instanceRegion    where the GPU instance is launched (the owner has nothing there)
 * @param instanceType      the GPU instance type
 * @param functionMemoryMb  the mining functions' memory (Lambda's maximum)
 * @param executionSeconds  how long each run mines (Lambda's maximum timeout)
 * @param runEvery          the attacker's rule re-runs each function this often
 * @param executionsPerRun  executions each run starts
 * @param attackerIp        where the attacker's calls come from (an RFC 5737 documentation address)
 */
record AttackProfile(List<String> functionRegions, String instanceRegion, String instanceType, int functionMemoryMb,
                     int executionSeconds, Duration runEvery, int executionsPerRun, String attackerIp) {

    /** The first run starts this long after the function is created (the attacker invokes it at once). */
    static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(1);

    static AttackProfile standard() {
        return new AttackProfile(List.of("us-east-1", "us-east-2", "eu-west-1"), "us-west-2", "g4dn.12xlarge", 10_240,
                900, Duration.ofMinutes(3), 1, "203.0.113.54");
    }

    double functionGigabytes() {
        return functionMemoryMb / 1024.0;
    }
}
