package dev.tourniquet.step.guardduty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.guardduty.GuardDutyClient;
import software.amazon.awssdk.services.guardduty.model.ResourceNotFoundException;

/**
 * Deactivates a GuardDuty trusted IP list: GuardDuty raises no finding for traffic from a trusted address, so an
 * attacker who lists its own addresses silences the findings about itself. The list is kept (evidence), inactive.
 *
 * <p>IAM actions: {@code guardduty:GetIPSet}, {@code guardduty:UpdateIPSet}. Undo: {@code aws guardduty update-ip-set
 * --detector-id ID --ip-set-id SET --activate}.
 */
public final class DeactivateIpSet extends DetectorSettingStep {
    private final String ipSetId;

    public DeactivateIpSet(GuardDutyClient guardDuty, String region, String detectorId, String ipSetId) {
        super(guardDuty, region, detectorId, ipSetId);
        this.ipSetId = ipSetId;
    }

    @Override
    public StepKind kind() {
        return GuardDutyStepKinds.DEACTIVATE_IP_SET;
    }

    @Override
    public String undo() {
        return "aws guardduty update-ip-set --detector-id " + detectorId + " --ip-set-id " + ipSetId
                + " --activate --region " + region;
    }

    @Override
    public StepResult run(StepContext context) {
        String status;
        try {
            status = status();
        } catch (ResourceNotFoundException e) {
            return new StepResult.Skipped("IP set " + ipSetId + " is gone");
        }
        ObjectNode prior = Json.object().put("region", region).put("detectorId", detectorId).put("ipSetId", ipSetId)
                .put("status", status);
        if (!active(status)) {
            return new StepResult.AlreadyApplied(prior, "IP set " + ipSetId + " is not active (" + status + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would deactivate trusted IP set " + ipSetId);
        }
        context.changing(prior);
        guardDuty.updateIPSet(r -> r.detectorId(detectorId).ipSetId(ipSetId).activate(false));
        Verification.until("IP set " + ipSetId + " inactive", () -> !active(status()));
        return new StepResult.Applied(prior, "deactivated trusted IP set " + ipSetId);
    }

    private String status() {
        return guardDuty.getIPSet(r -> r.detectorId(detectorId).ipSetId(ipSetId)).statusAsString();
    }

    private static boolean active(String status) {
        return "ACTIVE".equals(status) || "ACTIVATING".equals(status);
    }
}
