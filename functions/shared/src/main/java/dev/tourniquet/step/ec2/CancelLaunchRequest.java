package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfig;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Cancels what the contained key asked EC2 to keep launching and that cannot be scaled to zero: a Spot Fleet of type
 * {@code request} ({@code CancelSpotFleetRequests}, {@code TerminateInstances=false}), an EC2 Fleet of type
 * {@code request} ({@code DeleteFleets}, {@code TerminateInstances=false}) or a persistent Spot request
 * ({@code CancelSpotInstanceRequests}, which never terminates the request's instance). What it launched keeps running
 * until its own steps stop it. Run after the instance is stopped: a stopped instance's persistent request is
 * disabled, not relaunching, and the cancel then ends it for good.
 *
 * <p>Not reversible: EC2 cannot revive a cancelled request or deleted fleet. The prior state records its whole
 * configuration (as the SDK describes it), so that a person can request it again.
 *
 * <p>IAM actions: {@code ec2:DescribeSpotFleetRequests}, {@code ec2:CancelSpotFleetRequests},
 * {@code ec2:DescribeFleets}, {@code ec2:DeleteFleets}, {@code ec2:DescribeSpotInstanceRequests},
 * {@code ec2:CancelSpotInstanceRequests}.
 */
public final class CancelLaunchRequest implements Step {
    private final Ec2Client ec2;
    private final String requestId;
    private final String region;

    public CancelLaunchRequest(Ec2Client ec2, String requestId, String region) {
        this.ec2 = ec2;
        this.requestId = requestId;
        this.region = region;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.CANCEL_LAUNCH_REQUEST;
    }

    @Override
    public String target() {
        return requestId;
    }

    @Override
    public String undo() {
        return "not undone: request it again in " + region + " from the configuration recorded in the prior state";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("region", region).put("requestId", requestId);
        Optional<String> state = requestId.startsWith("sfr-") ? spotFleet(prior)
                : requestId.startsWith("fleet-") ? fleet(prior) : spotRequest(prior);
        if (state.isEmpty()) {
            return new StepResult.Skipped(requestId + " is gone: nothing launches from it");
        }
        if (state.get().startsWith("cancelled") || state.get().startsWith("deleted") || "closed".equals(state.get())) {
            return new StepResult.AlreadyApplied(prior, requestId + " is already " + state.get());
        }
        if (context.planOnly()) {
            DryRun.check(() -> cancel(true));
            return new StepResult.Planned(prior, "would cancel " + requestId + " (" + state.get()
                    + "), terminating nothing");
        }
        context.changing(prior);
        cancel(false);
        return new StepResult.Applied(prior, "cancelled " + requestId + " (was " + state.get()
                + "); what it launched is kept; its configuration is in the prior state");
    }

    private void cancel(boolean dryRun) {
        if (requestId.startsWith("sfr-")) {
            ec2.cancelSpotFleetRequests(r -> r.dryRun(dryRun).spotFleetRequestIds(requestId).terminateInstances(false));
        } else if (requestId.startsWith("fleet-")) {
            ec2.deleteFleets(r -> r.dryRun(dryRun).fleetIds(requestId).terminateInstances(false));
        } else {
            ec2.cancelSpotInstanceRequests(r -> r.dryRun(dryRun).spotInstanceRequestIds(requestId));
        }
    }

    private Optional<String> spotFleet(ObjectNode prior) {
        Optional<SpotFleetRequestConfig> found = ec2.describeSpotFleetRequests(r -> r.spotFleetRequestIds(requestId))
                .spotFleetRequestConfigs().stream().findFirst();
        found.ifPresent(f -> prior.put("state", f.spotFleetRequestStateAsString())
                .put("type", f.spotFleetRequestConfig().typeAsString())
                .put("configuration", f.spotFleetRequestConfig().toString()));
        return found.map(SpotFleetRequestConfig::spotFleetRequestStateAsString);
    }

    private Optional<String> fleet(ObjectNode prior) {
        Optional<FleetData> found = ec2.describeFleets(r -> r.fleetIds(requestId)).fleets().stream().findFirst();
        found.ifPresent(f -> prior.put("state", f.fleetStateAsString()).put("type", f.typeAsString())
                .put("configuration", f.toString()));
        return found.map(FleetData::fleetStateAsString);
    }

    // A filter, not an id: a request EC2 (or an emulator) no longer lists would fail a call by id.
    private Optional<String> spotRequest(ObjectNode prior) {
        Optional<SpotInstanceRequest> found = ec2.describeSpotInstanceRequests(r -> r.filters(f -> f
                .name("spot-instance-request-id").values(requestId))).spotInstanceRequests().stream().findFirst();
        found.ifPresent(s -> prior.put("state", s.stateAsString()).put("type", s.typeAsString())
                .put("instanceId", s.instanceId()).put("spotPrice", s.spotPrice())
                .put("configuration", String.valueOf(s.launchSpecification())));
        return found.map(SpotInstanceRequest::stateAsString);
    }
}
