package dev.tourniquet.signal;

import java.util.List;

/**
 * The families of a GuardDuty Runtime Monitoring finding on an ECS task. Mining (the task is a miner: its service, if
 * any, is scaled to zero, since a service that mines is no longer the owner's service) or any other compromise
 * (backdoor, reverse shell, malicious file …: the task is stopped, its role session revoked, and a person alerted).
 *
 * @see <a href="https://docs.aws.amazon.com/guardduty/latest/ug/findings-runtime-monitoring.html">Runtime Monitoring
 *     finding types</a>
 */
public final class EcsFindingFamilies {
    private static final List<String> MINING_PREFIXES = List.of("CryptoCurrency:Runtime/",
            "Impact:Runtime/CryptoMinerExecuted", "Impact:Runtime/BitcoinDomainRequest");

    private EcsFindingFamilies() {}

    public static boolean isMining(String findingType) {
        return MINING_PREFIXES.stream().anyMatch(findingType::startsWith);
    }
}
