package dev.tourniquet.signal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code account:EnableRegion} records (event source {@code account.amazonaws.com}, the region in
 * {@code requestParameters.regionName}, a member account in {@code requestParameters.accountId}). Account Management
 * is a global service: its records are delivered in us-east-1 only, whatever region the call enabled. One record is
 * both provenance ({@code account}, {@code region:NAME}) and a signal the credential function judges.
 *
 * @see <a href="https://docs.aws.amazon.com/accounts/latest/reference/API_EnableRegion.html">EnableRegion</a>
 */
final class RegionEventReader {
    static final String EVENT = "EnableRegion";
    static final String EVENT_SOURCE = "account.amazonaws.com";

    private RegionEventReader() {}

    static boolean reads(JsonNode record) {
        return EVENT.equals(Json.text(record, "/eventName").orElse(""))
                && EVENT_SOURCE.equals(Json.text(record, "/eventSource").orElse(""));
    }

    static ParseResult read(JsonNode record, CloudTrailCaller caller, Origin origin) {
        Optional<String> region = Json.text(record, "/requestParameters/regionName");
        if (region.isEmpty()) {
            return new ParseResult.Rejected("EnableRegion names no requestParameters.regionName");
        }
        String account = Json.text(record, "/requestParameters/accountId").orElse(caller.accountId());
        Provenance provenance = caller.provenance(RegionEnabled.RESOURCE_TYPE, "region:" + region.get(),
                Map.of("regionName", region.get(), "accountId", account));
        RegionEnabled signal = new RegionEnabled(origin, region.get(), account, new ContainmentUndone.Caller(
                caller.principalArn(), caller.principalType(), caller.accessKeyId(),
                Json.text(record, "/userIdentity/invokedBy")), Optional.empty());
        return new ParseResult.Observed(origin, List.of(provenance), List.of(signal));
    }
}
