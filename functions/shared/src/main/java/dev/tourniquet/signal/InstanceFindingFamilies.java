package dev.tourniquet.signal;

import java.util.List;

/** Which GuardDuty instance finding types are mining: those stop the instance, not only isolate it. */
public final class InstanceFindingFamilies {
    private static final List<String> MINING_PREFIXES = List.of(
            "CryptoCurrency:EC2/", "CryptoCurrency:Runtime/", "Impact:EC2/BitcoinDomainRequest",
            "Impact:Runtime/CryptoMinerExecuted");

    private InstanceFindingFamilies() {}

    public static boolean isMining(String findingType) {
        return MINING_PREFIXES.stream().anyMatch(findingType::startsWith);
    }
}
