package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.List;

/**
 * What the attacker does with the key, as in the incidents Tourniquet answers: first persistence — a
 * backdoor IAM user (an access key, a console password, AdministratorAccess) and a backdoor role its own
 * account may assume (AdministratorAccess) — then mining functions in three regions, each re-run every 3
 * minutes by an EventBridge rule the attacker creates and kept running for Lambda's 15-minute maximum, a
 * GPU instance in a region the owner never uses, and one in a region where Tourniquet has no stack at all.
 * When the leaked key stops working it goes on with its backdoor user's key.
 *
 * @param functionRegions   where the mining functions are created
 * @param instanceRegion    where the GPU instance is launched (the owner has nothing there)
 * @param instanceType      the GPU instance type
 * @param functionMemoryMb  the mining functions' memory (Lambda's maximum)
 * @param executionSeconds  how long each run mines (Lambda's maximum timeout)
 * @param runEvery          the attacker's rule re-runs each function this often
 * @param executionsPerRun  executions each run starts
 * @param attackerIp        where the attacker's calls come from (an RFC 5737 documentation address)
 * @param backdoor          the identities the attacker creates to stay
 * @param stacklessRegion   where the second GPU instance is launched: a region with no Tourniquet stack
 */
record AttackProfile(List<String> functionRegions, String instanceRegion, String instanceType, int functionMemoryMb,
                     int executionSeconds, Duration runEvery, int executionsPerRun, String attackerIp,
                     Backdoor backdoor, String stacklessRegion) {

    /** The first run starts this long after the function is created (the attacker invokes it at once). */
    static final Duration FIRST_RUN_AFTER = Duration.ofSeconds(1);

    /**
     * The attacker's persistence.
     *
     * @param userName       the backdoor IAM user (named to pass for a service account)
     * @param roleName       the backdoor role
     * @param outsideAccount the attacker's own AWS account, trusted by the backdoor role
     * @param functionName   the mining function the backdoor user's key creates
     */
    record Backdoor(String userName, String roleName, String outsideAccount, String functionName) {
        static final String ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";
    }

    static AttackProfile standard() {
        return new AttackProfile(List.of("us-east-1", "us-east-2", "eu-west-1"), "us-west-2", "g4dn.12xlarge", 10_240,
                900, Duration.ofMinutes(3), 1, "203.0.113.54",
                new Backdoor("svc-backup", "OrganizationAccountSupportRole", "999988887777", "xmrig-backdoor-1"),
                "sa-east-1");
    }

    double functionGigabytes() {
        return functionMemoryMb / 1024.0;
    }
}
