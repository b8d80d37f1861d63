package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DeviceType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceLifecycleType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;

/**
 * A sweep's first phase for one region's instances: the {@link StopInstance} steps of their plans made as few
 * {@code StopInstances} calls (up to {@value #BATCH} instances each), the prior state of every instance read from one
 * {@code DescribeInstances} per batch. What a stop would lose or cannot do is not stopped here: an instance with
 * instance-store volumes (erased by a stop; its evidence comes first) and a one-time Spot instance (EC2 can only
 * terminate it) are to be isolated first ({@link Verdict.IsolateFirst}); a member of an Auto Scaling group (its group
 * would replace a stopped instance: it is detached first) and an instance neither running nor stopped are left to the
 * incident's full run ({@link Verdict.Later}). A batch refused as a whole (an instance's stop protection) is stopped
 * instance by instance as {@link StopInstance} does it: protection turned off and recorded. Verification is left to
 * the full run. Enforce mode only: in plan mode a sweep has nothing to stop first.
 *
 * <p>IAM actions: those of {@link StopInstance}, and {@code ec2:DescribeInstanceTypes}.
 */
public final class StopInstances {
    static final int BATCH = 50;
    private static final String GROUP_TAG = "aws:autoscaling:groupName";

    private StopInstances() {}

    /** What the first phase did, or leaves, for one instance. */
    public sealed interface Verdict {
        /** The stop was made, found made, or failed: the stopping step's result. */
        record Stopped(StepResult result) implements Verdict {
        }

        /** Not stopped first: its isolate step is made first, its stop follows its evidence. */
        record IsolateFirst(String reason) implements Verdict {
        }

        /** Left to the incident's full run. */
        record Later(String reason) implements Verdict {
        }
    }

    /**
     * @param steps stop steps of one region's instances (one client)
     * @return a verdict for each step's instance, by instance id
     */
    public static Map<String, Verdict> stop(List<StopInstance> steps) {
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (int from = 0; from < steps.size(); from += BATCH) {
            List<StopInstance> batch = steps.subList(from, Math.min(steps.size(), from + BATCH));
            try {
                verdicts.putAll(batch(batch));
            } catch (RuntimeException e) {
                // The reads failed: nothing was changed; the full run tries again.
                Failure failure = Failure.classify(e);
                batch.forEach(step -> verdicts.put(step.target(), new Verdict.Stopped(new StepResult.Failed(failure))));
            }
        }
        return verdicts;
    }

    private static Map<String, Verdict> batch(List<StopInstance> steps) {
        Ec2Client ec2 = steps.get(0).ec2;
        List<String> ids = steps.stream().map(StopInstance::target).toList();
        Map<String, Instance> described = ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(reservation -> reservation.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, i -> i, (a, b) -> a));
        Set<String> withStore = instanceStoreTypes(ec2, described.values());
        Set<String> oneTime = oneTimeSpotRequests(ec2, described.values());
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        Map<String, ObjectNode> stoppable = new LinkedHashMap<>();
        for (StopInstance step : steps) {
            Instance instance = described.get(step.target());
            Verdict verdict = instance == null ? new Verdict.Later("EC2 describes no instance " + step.target())
                    : judge(instance, step.prior(), withStore, oneTime);
            if (verdict == null) {
                stoppable.put(step.target(), step.prior().put("state", instance.state().nameAsString())
                        .put("disableApiStop", false));
            } else {
                verdicts.put(step.target(), verdict);
            }
        }
        if (stoppable.isEmpty()) {
            return verdicts;
        }
        try {
            ec2.stopInstances(r -> r.instanceIds(stoppable.keySet()));
            stoppable.forEach((id, prior) -> verdicts.put(id, new Verdict.Stopped(new StepResult.Applied(prior,
                    "stopped " + id + " first, before its evidence (was " + prior.path("state").asText() + ")"))));
        } catch (RuntimeException e) {
            // Refused as a whole (stop protection on one of them), or its answer lost: one by one, from the state
            // read before the batch (an instance the batch did stop must not record "stopping" as its prior).
            stoppable.forEach((id, prior) -> verdicts.put(id, new Verdict.Stopped(alone(ec2, id, prior))));
        }
        return verdicts;
    }

    // Null: stop it now.
    private static Verdict judge(Instance instance, ObjectNode prior, Set<String> withStore, Set<String> oneTime) {
        InstanceStateName state = instance.state().name();
        String id = instance.instanceId();
        if (state == InstanceStateName.STOPPED || state == InstanceStateName.STOPPING) {
            return new Verdict.Stopped(new StepResult.AlreadyApplied(prior
                    .put("state", instance.state().nameAsString()),
                    id + " is already " + instance.state().nameAsString()));
        }
        if (state != InstanceStateName.RUNNING) {
            return new Verdict.Later(id + " is " + instance.state().nameAsString());
        }
        if (instance.tags().stream().anyMatch(tag -> GROUP_TAG.equals(tag.key()))) {
            return new Verdict.Later(id + " belongs to an Auto Scaling group: it is detached before it is stopped");
        }
        if (instance.rootDeviceType() == DeviceType.INSTANCE_STORE || withStore.contains(instance.instanceTypeAsString())) {
            return new Verdict.IsolateFirst(id + " has instance-store volumes, which a stop erases: isolated first,"
                    + " stopped after its evidence");
        }
        if (instance.spotInstanceRequestId() != null && oneTime.contains(instance.spotInstanceRequestId())) {
            return new Verdict.IsolateFirst(id + " is a one-time Spot instance, which EC2 can only terminate:"
                    + " isolated first");
        }
        return null;
    }

    private static StepResult alone(Ec2Client ec2, String id, ObjectNode prior) {
        try {
            boolean stopProtected = Boolean.TRUE.equals(ec2.describeInstanceAttribute(r -> r.instanceId(id)
                    .attribute(InstanceAttributeName.DISABLE_API_STOP)).disableApiStop().value());
            prior.put("disableApiStop", stopProtected);
            if (stopProtected) {
                ec2.modifyInstanceAttribute(r -> r.instanceId(id).disableApiStop(v -> v.value(false)));
            }
            ec2.stopInstances(r -> r.instanceIds(id));
            return new StepResult.Applied(prior, "stopped " + id + " first, before its evidence (was "
                    + prior.path("state").asText() + (stopProtected ? "; its stop protection turned off" : "") + ")");
        } catch (RuntimeException e) {
            // The change may have been made: the state before it is kept, so that a release undoes it from there.
            return new StepResult.Failed(Failure.classify(e), prior);
        }
    }

    // The types among these instances whose instances carry instance-store volumes (one call for the batch).
    private static Set<String> instanceStoreTypes(Ec2Client ec2, java.util.Collection<Instance> instances) {
        List<String> types = instances.stream().map(Instance::instanceTypeAsString).distinct().toList();
        if (types.isEmpty()) {
            return Set.of();
        }
        return ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(types)).instanceTypes().stream()
                .filter(info -> Boolean.TRUE.equals(info.instanceStorageSupported()))
                .map(InstanceTypeInfo::instanceTypeAsString).collect(Collectors.toSet());
    }

    // The one-time requests among these Spot instances' requests (one call for the batch).
    private static Set<String> oneTimeSpotRequests(Ec2Client ec2, java.util.Collection<Instance> instances) {
        List<String> requests = instances.stream()
                .filter(i -> i.instanceLifecycle() == InstanceLifecycleType.SPOT && i.spotInstanceRequestId() != null)
                .map(Instance::spotInstanceRequestId).distinct().toList();
        if (requests.isEmpty()) {
            return Set.of();
        }
        Map<String, SpotInstanceType> types = new HashMap<>();
        ec2.describeSpotInstanceRequests(r -> r.spotInstanceRequestIds(requests)).spotInstanceRequests()
                .forEach(request -> types.put(request.spotInstanceRequestId(), request.type()));
        List<String> oneTime = new ArrayList<>();
        types.forEach((request, type) -> {
            if (type == SpotInstanceType.ONE_TIME) {
                oneTime.add(request);
            }
        });
        return Set.copyOf(oneTime);
    }
}
