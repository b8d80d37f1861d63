package dev.tourniquet.step.guardduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Json;
import java.util.List;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.GetDetectorResponse;
import software.amazon.awssdk.services.guardduty.model.ResourceNotFoundException;

/**
 * A GuardDuty detector's configuration as JSON: its status and features, its filters' actions, its IP sets' status and
 * its administrator account. What the baseline records and the undo compares with.
 *
 * <p>IAM actions: {@code guardduty:ListDetectors}, {@code guardduty:GetDetector}, {@code guardduty:ListFilters},
 * {@code guardduty:GetFilter}, {@code guardduty:ListIPSets}, {@code guardduty:GetIPSet},
 * {@code guardduty:GetAdministratorAccount} (reads only).
 */
public final class DetectorConfiguration {
    public static final List<String> READ_PERMISSIONS = List.of("guardduty:ListDetectors", "guardduty:GetDetector",
            "guardduty:ListFilters", "guardduty:GetFilter", "guardduty:ListIPSets", "guardduty:GetIPSet",
            "guardduty:GetAdministratorAccount");

    private DetectorConfiguration() {}

    public static GuardDutyClient client(AwsClients clients, String region) {
        return clients.client("guardduty", region, GuardDutyClient::builder);
    }

    /** The detector's status and every feature's status. */
    static ObjectNode detector(GuardDutyClient guardDuty, String region, String detectorId) {
        GetDetectorResponse detector = guardDuty.getDetector(r -> r.detectorId(detectorId));
        ObjectNode json = Json.object().put("region", region).put("detectorId", detectorId)
                .put("status", detector.statusAsString());
        ArrayNode features = json.putArray("features");
        detector.features().forEach(f -> features.addObject().put("name", f.nameAsString()).put("status", f.statusAsString()));
        return json;
    }

    /** Everything the baseline keeps of a detector. */
    public static ObjectNode read(GuardDutyClient guardDuty, String region, String detectorId) {
        ObjectNode json = detector(guardDuty, region, detectorId);
        ObjectNode filters = json.putObject("filters");
        guardDuty.listFiltersPaginator(r -> r.detectorId(detectorId)).filterNames().forEach(name -> filters
                .putObject(name).put("action", guardDuty.getFilter(r -> r.detectorId(detectorId).filterName(name))
                        .actionAsString()));
        ObjectNode ipSets = json.putObject("ipSets");
        guardDuty.listIPSetsPaginator(r -> r.detectorId(detectorId)).ipSetIds().forEach(id -> ipSets.putObject(id)
                .put("status", guardDuty.getIPSet(r -> r.detectorId(detectorId).ipSetId(id)).statusAsString()));
        try {
            var administrator = guardDuty.getAdministratorAccount(r -> r.detectorId(detectorId)).administrator();
            json.put("administratorAccountId", administrator == null ? null : administrator.accountId());
        } catch (ResourceNotFoundException e) {
            json.putNull("administratorAccountId");
        }
        return json;
    }

    /** Whether a recorded detector is as it should be: enabled. */
    public static boolean healthy(JsonNode detector) {
        return "ENABLED".equals(detector.path("status").asText());
    }
}
