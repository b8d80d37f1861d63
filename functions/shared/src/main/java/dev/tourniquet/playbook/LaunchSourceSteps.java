package dev.tourniquet.playbook;

import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.CancelLaunchRequest;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.ScaleAutoScalingGroupToZero;
import dev.tourniquet.step.ec2.SetFleetCapacityZero;
import dev.tourniquet.step.ec2.TerminateInstance;
import java.util.List;
import java.util.Optional;

/**
 * What stopping an instance needs beyond the stop when something launches it again ({@link LaunchSource}):
 * <ul>
 *   <li>a group the contained key created or whose launch template or configuration it changed: scaled to zero
 *       first, and the instance stays in it (no detach), stopped;</li>
 *   <li>a Spot Fleet or EC2 Fleet of the key's: of type {@code maintain}, set to a target capacity of 0; of type
 *       {@code request}, cancelled without terminating its instances (an {@code instant} fleet relaunches nothing);</li>
 *   <li>a persistent Spot request of the key's: cancelled after the stop (its instance is kept);</li>
 *   <li>an owner's group or fleet: nothing more (the instance leaves the group, as before);</li>
 *   <li>a one-time Spot instance, whoever's: it cannot be stopped; it is isolated and its volumes snapshotted, and
 *       terminated last only where irreversible actions are allowed.</li>
 * </ul>
 */
final class LaunchSourceSteps {
    private final Ec2Clients ec2;
    private final boolean irreversibleActions;

    LaunchSourceSteps(Ec2Clients ec2, boolean irreversibleActions) {
        this.ec2 = ec2;
        this.irreversibleActions = irreversibleActions;
    }

    /** The key's relaunching source, if any. */
    private static Optional<LaunchSource> owned(CompromisedInstance instance) {
        return instance.facts().launchSource().filter(s -> s.incidentOwned() && s.respawns());
    }

    static boolean oneTimeSpot(CompromisedInstance instance) {
        return instance.facts().launchSource().filter(LaunchSource::oneTimeSpot).isPresent();
    }

    /** Whether the instance stays in its group (the key's, scaled to zero) rather than being detached. */
    static boolean staysInGroup(CompromisedInstance instance) {
        return owned(instance).filter(s -> s.kind() == LaunchSource.Kind.AUTO_SCALING_GROUP).isPresent();
    }

    /** Before the instance is isolated and stopped: what keeps its source from replacing it. */
    List<Step> beforeStop(CompromisedInstance instance) {
        String region = instance.region();
        return owned(instance).filter(s -> s.kind() != LaunchSource.Kind.SPOT_REQUEST).<Step>map(s -> switch (s.kind()) {
            case AUTO_SCALING_GROUP -> new ScaleAutoScalingGroupToZero(ec2.autoScaling(region, instance.fromSweep()),
                    s.id(), region);
            default -> s.maintains() ? new SetFleetCapacityZero(ec2.ec2(region, instance.fromSweep()), s.id(), region)
                    : new CancelLaunchRequest(ec2.ec2(region, instance.fromSweep()), s.id(), region);
        }).map(List::of).orElse(List.of());
    }

    /** After the stop: a persistent request of the key's, disabled by the stop, is cancelled for good. */
    List<Step> afterStop(CompromisedInstance instance) {
        return owned(instance).filter(s -> s.kind() == LaunchSource.Kind.SPOT_REQUEST)
                .<Step>map(s -> new CancelLaunchRequest(ec2.ec2(instance.region(), instance.fromSweep()), s.id(),
                        instance.region())).map(List::of).orElse(List.of());
    }

    /** Last, after the evidence: a one-time Spot instance terminated, where irreversible actions are allowed. */
    List<Step> last(CompromisedInstance instance) {
        return oneTimeSpot(instance) && irreversibleActions
                ? List.of(new TerminateInstance(ec2.ec2(instance.region(), instance.fromSweep()), instance.instanceId(),
                        instance.region()))
                : List.of();
    }

    /** What the rationale adds, for the alert. */
    String note(CompromisedInstance instance) {
        if (oneTimeSpot(instance)) {
            return irreversibleActions ? ". A one-time Spot instance cannot be stopped: it is isolated, its volumes"
                    + " snapshotted, then terminated (AllowIrreversibleActions)"
                    : ". A one-time Spot instance cannot be stopped: it was left running, isolated, its volumes"
                    + " snapshotted; terminate it by hand (AllowIrreversibleActions is off)";
        }
        return owned(instance).map(s -> ". Its " + describe(s) + " (" + s.why() + ") "
                + (s.kind() == LaunchSource.Kind.AUTO_SCALING_GROUP ? "is scaled to zero, keeping its instances"
                : s.maintains() ? "is set to a target capacity of 0, terminating nothing"
                : "is cancelled, terminating nothing")).orElse("");
    }

    private static String describe(LaunchSource source) {
        return switch (source.kind()) {
            case AUTO_SCALING_GROUP -> "Auto Scaling group " + source.id();
            case SPOT_FLEET -> "Spot Fleet " + source.id() + " (" + source.type() + ")";
            case EC2_FLEET -> "EC2 Fleet " + source.id() + " (" + source.type() + ")";
            case SPOT_REQUEST -> "persistent Spot request " + source.id();
        };
    }
}
