package dev.tourniquet.step.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;

/**
 * A region's opt-in status as Account Management reports it ({@code ENABLED}, {@code ENABLING}, {@code DISABLING},
 * {@code DISABLED}, {@code ENABLED_BY_DEFAULT}). Account Management is a global service served from us-east-1.
 *
 * <p>IAM actions: {@code account:GetRegionOptStatus}.
 */
public final class RegionOptStatus {
    private RegionOptStatus() {}

    public static AccountClient client(AwsClients clients) {
        return clients.client("account", Region.US_EAST_1.id(), AccountClient::builder);
    }

    /** {@code {"regionName", "status"}}. */
    static ObjectNode read(AccountClient account, String region) {
        String status = account.getRegionOptStatus(r -> r.regionName(region)).regionOptStatusAsString();
        return Json.object().put("regionName", region).put("status", status);
    }
}
