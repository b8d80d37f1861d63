package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.List;

/**
 * What the attacker does with the key, as in the incidents Tourniquet answers: first persistence — a
 * backdoor IAM user (an access key, a console password, AdministratorAccess) and a backdoor role its own
 * account may assume (AdministratorAccess) — then mining functions in three regions, each re-run every 3
 * minutes by an EventBridge rule the attacker creates and kept running for Lambda's 15-minute maximum, a
 * GPU instance in a region the owner never uses, and one in a region where Tourniquet has no stack at all.
 * When the leaked key stops working it goes on with its backdoor user's key. The quiet theft ({@link #quiet()}) is
 * the same miner without the noise: nobody reports the key, GuardDuty is off, and the attacker makes no identity.
 *
 * @param functionRegions   where the mining functions are created
 * @param instanceRegions   where the GPU instances are launched, one each (the owner has nothing there)
 * @param instanceType      the GPU instance type
 * @param functionMemoryMb  the mining functions' memory (Lambda's maximum)
 * @param executionSeconds  how long each run mines (Lambda's maximum timeout)
 * @param runEvery          the attacker's rule re-runs each function this often
 * @param executionsPerRun  executions each run starts
 * @param attackerIp        where the attacker's calls come from (an RFC 5737 documentation address)
 * @param backdoor          the identities the attacker creates to stay
 * @param persists          whether it makes them (the quiet theft does not)
 * @param reported          whether AWS reports the key (AWS Health's exposed-key event) and GuardDuty, on, finds the
 *                          key's calls and the miners; the quiet theft: neither
 */
record AttackProfile(List<String> functionRegions, List<String> instanceRegions, String instanceType,
                     int functionMemoryMb, int executionSeconds, Duration runEvery, int executionsPerRun,
                     String attackerIp, Backdoor backdoor, boolean persists, boolean reported) {

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

    /** The leaked key: the second GPU instance in sa-east-1, a region with no Tourniquet stack (by default). */
    static AttackProfile standard() {
        return new AttackProfile(List.of("us-east-1", "us-east-2", "eu-west-1"), List.of("us-west-2", "sa-east-1"),
                "g4dn.12xlarge", 10_240, 900, Duration.ofMinutes(3), 1, "203.0.113.54", BACKDOOR, true, true);
    }

    /**
     * The quiet theft: a key taken from a laptop or a CI log, never announced; GuardDuty off. Miners and GPU instances
     * in São Paulo and Mumbai, where the owner never runs anything.
     */
    static AttackProfile quiet() {
        return new AttackProfile(List.of("sa-east-1", "ap-south-1"), List.of("sa-east-1", "ap-south-1"),
                "g4dn.12xlarge", 10_240, 900, Duration.ofMinutes(3), 1, "203.0.113.54", BACKDOOR, false, false);
    }

    private static final Backdoor BACKDOOR = new Backdoor("svc-backup", "OrganizationAccountSupportRole",
            "999988887777", "xmrig-backdoor-1");

    double functionGigabytes() {
        return functionMemoryMb / 1024.0;
    }
}
