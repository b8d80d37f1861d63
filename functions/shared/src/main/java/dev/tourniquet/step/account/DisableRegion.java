package dev.tourniquet.step.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Set;
import software.amazon.awssdk.services.account.AccountClient;

/**
 * Disables (opts out of) a region an incident's credential enabled, so that nothing it launches there keeps running
 * unseen. Only a region whose status shows it enabled by that call: {@code ENABLED_BY_DEFAULT} regions cannot be
 * disabled and are never touched; a region still {@code ENABLING} cannot be disabled until enabling completes, so
 * the step fails transiently and the delivery is retried. Not destructive: AWS keeps what is in the region, unusable
 * until the region is enabled again (see the README).
 *
 * <p>IAM actions: {@code account:GetRegionOptStatus}, {@code account:DisableRegion}. Undo: {@code aws account
 * enable-region --region-name NAME}, then {@code ./tourniquet forwarders} for its forwarder.
 */
public final class DisableRegion implements Step {
    private static final Set<String> DISABLED = Set.of("DISABLED", "DISABLING");

    private final AccountClient account;
    private final String region;

    public DisableRegion(AccountClient account, String region) {
        this.account = account;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return AccountStepKinds.DISABLE_REGION;
    }

    @Override
    public String target() {
        return "region:" + region;
    }

    @Override
    public String undo() {
        return "aws account enable-region --region-name " + region + ", then ./tourniquet forwarders for its forwarder";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = RegionOptStatus.read(account, region);
        String status = prior.path("status").asText();
        if (DISABLED.contains(status)) {
            return new StepResult.AlreadyApplied(prior, "region " + region + " is " + status);
        }
        if ("ENABLED_BY_DEFAULT".equals(status)) {
            return new StepResult.Skipped("region " + region + " is enabled by default: it cannot be disabled, and it"
                    + " was usable before the call");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would have disabled region " + region + " (" + status + ")");
        }
        if ("ENABLING".equals(status)) {
            // AWS refuses to disable a region until enabling completes (minutes, rarely hours): retried.
            throw new NotYetConsistentException("region " + region + " is still enabling; it can be disabled once"
                    + " enabling completes");
        }
        context.changing(prior);
        account.disableRegion(r -> r.regionName(region));
        Verification.until("region " + region + " disabling",
                () -> DISABLED.contains(RegionOptStatus.read(account, region).path("status").asText()));
        return new StepResult.Applied(prior, "region " + region + " disabled (was " + status + ")");
    }
}
