package dev.tourniquet.step.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;

/**
 * The undo of each Account Management step ({@link AccountStepKinds}) from its recorded prior state: a region
 * Tourniquet disabled is enabled again, because the owner asked with {@code ./tourniquet release}.
 */
final class AccountReversals {
    private AccountReversals() {}

    static String enableRegion(JsonNode prior, String target, AwsClients clients) {
        String region = prior.path("regionName").asText();
        RegionOptStatus.client(clients).enableRegion(r -> r.regionName(region));
        return "region " + region + " enabled again (it was " + prior.path("status").asText()
                + "); enabling takes minutes, and its forwarder needs ./tourniquet forwarders again";
    }
}
