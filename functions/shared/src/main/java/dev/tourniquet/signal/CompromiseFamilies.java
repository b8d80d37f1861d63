package dev.tourniquet.signal;

import java.util.List;

/**
 * Which finding types of an attack sequence's signals say that a resource they name is itself compromised (it mines,
 * beacons, carries a backdoor or a trojan), rather than touched by the attacker from outside (a bucket read, an
 * instance described): the same families Tourniquet contains when the finding arrives alone.
 *
 * <p>AWS gives the resources of a sequence no role (no actor/target field, unlike a finding's
 * {@code service.resourceRole}); this is Tourniquet's rule, not AWS's: a resource is contained only where a signal
 * of type {@code FINDING} of one of these families names it in {@code resourceUids}.
 */
final class CompromiseFamilies {
    private static final List<String> FUNCTION_PREFIXES = List.of(
            "CryptoCurrency:Lambda/", "Backdoor:Lambda/", "Trojan:Lambda/");
    private static final List<String> RUNTIME_PREFIXES = List.of(
            "CryptoCurrency:Runtime/", "Impact:Runtime/CryptoMinerExecuted", "Impact:Runtime/BitcoinDomainRequest",
            "Backdoor:Runtime/", "Trojan:Runtime/", "Execution:Runtime/ReverseShell",
            "Execution:Runtime/MaliciousFileExecuted");

    private CompromiseFamilies() {}

    /** A finding that the instance it names mines or is compromised (the instance rules' families). */
    static boolean instance(String findingType) {
        return InstanceFindingFamilies.isMining(findingType) || InstanceFindingFamilies.isCompromise(findingType)
                || runtime(findingType);
    }

    /** A finding that the Lambda function it names mines or is compromised (the function rule's families). */
    static boolean function(String findingType) {
        return FUNCTION_PREFIXES.stream().anyMatch(findingType::startsWith);
    }

    /** A Runtime Monitoring finding that the workload it names (a container, a task) mines or is compromised. */
    static boolean runtime(String findingType) {
        return RUNTIME_PREFIXES.stream().anyMatch(findingType::startsWith);
    }

    /** A finding of any family that makes the resource it names compromised. */
    static boolean any(String findingType) {
        return instance(findingType) || function(findingType);
    }
}
