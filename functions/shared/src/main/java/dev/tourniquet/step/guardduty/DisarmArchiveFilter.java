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
 * Sets a GuardDuty filter that auto-archives findings to {@code NOOP}: its criteria stay (evidence of what the
 * attacker wanted hidden), and findings it matched reach EventBridge again. Contain, don't destroy: the filter is not
 * deleted, and the release sets its action back.
 *
 * <p>IAM actions: {@code guardduty:GetFilter}, {@code guardduty:UpdateFilter}. Undo: {@code aws guardduty
 * update-filter --detector-id ID --filter-name NAME --action ARCHIVE}.
 */
public final class DisarmArchiveFilter extends DetectorSettingStep {
    private final String filterName;

    public DisarmArchiveFilter(GuardDutyClient guardDuty, String region, String detectorId, String filterName) {
        super(guardDuty, region, detectorId, filterName);
        this.filterName = filterName;
    }

    @Override
    public StepKind kind() {
        return GuardDutyStepKinds.DISARM_ARCHIVE_FILTER;
    }

    @Override
    public String undo() {
        return "aws guardduty update-filter --detector-id " + detectorId + " --filter-name " + filterName
                + " --action ARCHIVE --region " + region;
    }

    @Override
    public StepResult run(StepContext context) {
        String action;
        try {
            action = action();
        } catch (ResourceNotFoundException e) {
            return new StepResult.Skipped("filter " + filterName + " is gone");
        }
        ObjectNode prior = Json.object().put("region", region).put("detectorId", detectorId).put("filterName", filterName)
                .put("action", action);
        if (!"ARCHIVE".equals(action)) {
            return new StepResult.AlreadyApplied(prior, "filter " + filterName + " does not archive (" + action + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would stop filter " + filterName + " archiving findings");
        }
        context.changing(prior);
        guardDuty.updateFilter(r -> r.detectorId(detectorId).filterName(filterName).action("NOOP"));
        Verification.until("filter " + filterName + " not archiving", () -> !"ARCHIVE".equals(action()));
        return new StepResult.Applied(prior, "filter " + filterName + " no longer archives findings (action NOOP)");
    }

    private String action() {
        return guardDuty.getFilter(r -> r.detectorId(detectorId).filterName(filterName)).actionAsString();
    }
}
