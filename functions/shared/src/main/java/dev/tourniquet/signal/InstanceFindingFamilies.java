package dev.tourniquet.signal;

import java.util.List;

/**
 * The GuardDuty instance finding families Tourniquet contains. Mining findings stop the instance (a miner
 * keeps its pool connection through a security-group change); compromise findings isolate it.
 *
 * <p>Both name what the instance itself does, so they are acted on whatever {@code resourceRole} says:
 * GuardDuty leaves the role unset on Runtime Monitoring findings.
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-ec2.html">EC2 finding
 *     types</a>
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-summary.html">Finding details
 *     (resource role)</a>
 */
public final class InstanceFindingFamilies {
    private static final List<String> MINING_PREFIXES = List.of(
            "CryptoCurrency:EC2/", "CryptoCurrency:Runtime/", "Impact:EC2/BitcoinDomainRequest",
            "Impact:Runtime/CryptoMinerExecuted");
    private static final List<String> COMPROMISE_PREFIXES = List.of(
            "Backdoor:EC2/", "Trojan:EC2/", "Execution:EC2/MaliciousFile");

    private InstanceFindingFamilies() {}

    public static boolean isMining(String findingType) {
        return MINING_PREFIXES.stream().anyMatch(findingType::startsWith);
    }

    /**
     * A GuardDuty attack sequence: the instance it names is compromised by one of the sequence's own findings of a
     * family above (the parser names no other instance).
     */
    public static boolean isAttackSequence(String findingType) {
        return findingType.startsWith(AttackSequenceReader.TYPE_PREFIX);
    }

    /** A backdoor, trojan or malicious file on the instance: isolate it. */
    public static boolean isCompromise(String findingType) {
        return COMPROMISE_PREFIXES.stream().anyMatch(findingType::startsWith);
    }
}
