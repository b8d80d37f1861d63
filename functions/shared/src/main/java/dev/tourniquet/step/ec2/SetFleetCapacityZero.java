package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ExcessCapacityTerminationPolicy;
import software.amazon.awssdk.services.ec2.model.FleetData;
import software.amazon.awssdk.services.ec2.model.FleetExcessCapacityTerminationPolicy;
import software.amazon.awssdk.services.ec2.model.SpotFleetRequestConfigData;

/**
 * Sets a fleet of type {@code maintain} that the contained key created or changed to a target capacity of 0, with
 * the excess-capacity policy "no termination": it launches nothing more, replaces nothing, and terminates none of
 * what it runs (its instances are stopped by their own steps). A Spot Fleet ({@code sfr-…}) through
 * {@code ModifySpotFleetRequest}, an EC2 Fleet ({@code fleet-…}) through {@code ModifyFleet}. Recorded: the target
 * capacities and the excess-capacity policy.
 *
 * <p>IAM actions: {@code ec2:DescribeSpotFleetRequests}, {@code ec2:ModifySpotFleetRequest},
 * {@code ec2:DescribeFleets}, {@code ec2:ModifyFleet}. Undo: the recorded capacities and policy are set again
 * ({@link LaunchSourceReversals.RestoreFleetCapacity}).
 *
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySpotFleetRequest.html">ModifySpotFleetRequest</a>
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyFleet.html">ModifyFleet</a>
 */
public final class SetFleetCapacityZero implements Step {
    private final Ec2Client ec2;
    private final String fleetId;
    private final String region;

    public SetFleetCapacityZero(Ec2Client ec2, String fleetId, String region) {
        this.ec2 = ec2;
        this.fleetId = fleetId;
        this.region = region;
    }

    static boolean isSpotFleet(String id) {
        return id.startsWith("sfr-");
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.SET_FLEET_CAPACITY_ZERO;
    }

    @Override
    public String target() {
        return fleetId;
    }

    @Override
    public String undo() {
        return (isSpotFleet(fleetId) ? "aws ec2 modify-spot-fleet-request --spot-fleet-request-id "
                : "aws ec2 modify-fleet --fleet-id ") + fleetId + " --region " + region
                + " with the recorded target capacity";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("region", region).put("fleetId", fleetId);
        int target = isSpotFleet(fleetId) ? readSpotFleet(prior) : readFleet(prior);
        if (target == 0) {
            return new StepResult.AlreadyApplied(prior, "fleet " + fleetId + " already has a target capacity of 0");
        }
        if (context.planOnly()) {
            if (!isSpotFleet(fleetId)) {
                DryRun.check(() -> ec2.modifyFleet(r -> r.dryRun(true).fleetId(fleetId)
                        .targetCapacitySpecification(t -> t.totalTargetCapacity(0))));
            }
            return new StepResult.Planned(prior, "would set fleet " + fleetId + " from " + target
                    + " to a target capacity of 0, terminating nothing");
        }
        context.changing(prior);
        if (isSpotFleet(fleetId)) {
            ec2.modifySpotFleetRequest(r -> r.spotFleetRequestId(fleetId).targetCapacity(0).onDemandTargetCapacity(0)
                    .excessCapacityTerminationPolicy(ExcessCapacityTerminationPolicy.NO_TERMINATION));
        } else {
            ec2.modifyFleet(r -> r.fleetId(fleetId).targetCapacitySpecification(t -> t.totalTargetCapacity(0)
                    .onDemandTargetCapacity(0).spotTargetCapacity(0))
                    .excessCapacityTerminationPolicy(FleetExcessCapacityTerminationPolicy.NO_TERMINATION));
        }
        Verification.until("fleet " + fleetId + " at zero", () -> (isSpotFleet(fleetId)
                ? readSpotFleet(Json.object()) : readFleet(Json.object())) == 0);
        return new StepResult.Applied(prior, "set fleet " + fleetId + " to a target capacity of 0 (was " + target
                + "); its instances are kept");
    }

    private int readSpotFleet(ObjectNode prior) {
        SpotFleetRequestConfigData config = ec2.describeSpotFleetRequests(r -> r.spotFleetRequestIds(fleetId))
                .spotFleetRequestConfigs().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("Spot Fleet " + fleetId + " is gone"))
                .spotFleetRequestConfig();
        prior.put("type", config.typeAsString()).put("targetCapacity", orZero(config.targetCapacity()))
                .put("onDemandTargetCapacity", orZero(config.onDemandTargetCapacity()))
                .put("excessCapacityTerminationPolicy", Optional.ofNullable(config.excessCapacityTerminationPolicyAsString())
                        .orElse("default"));
        return orZero(config.targetCapacity());
    }

    private int readFleet(ObjectNode prior) {
        FleetData fleet = ec2.describeFleets(r -> r.fleetIds(fleetId)).fleets().stream().findFirst()
                .orElseThrow(() -> new ResourceGoneException("EC2 Fleet " + fleetId + " is gone"));
        var capacity = fleet.targetCapacitySpecification();
        prior.put("type", fleet.typeAsString()).put("targetCapacity", orZero(capacity.totalTargetCapacity()))
                .put("onDemandTargetCapacity", orZero(capacity.onDemandTargetCapacity()))
                .put("spotTargetCapacity", orZero(capacity.spotTargetCapacity()))
                .put("excessCapacityTerminationPolicy", Optional.ofNullable(fleet.excessCapacityTerminationPolicyAsString())
                        .orElse("termination"));
        return orZero(capacity.totalTargetCapacity());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
