package dev.tourniquet.playbook;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SpendShape;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Judges one spend-creating CloudTrail record (a {@link Provenance} whose details carry its {@link SpendShape})
 * against the owner's {@link Footprint}: the first rule it breaks, region first (it holds whatever the shape), or
 * nothing. Never calls AWS: an instance type's vCPU count comes from {@link InstanceVcpus}, which the flow backs with
 * {@code ec2:DescribeInstanceTypes}. Who called is not its business: exemptions, AWS services and Tourniquet's own
 * roles are the flow's, before it asks.
 */
public final class FootprintJudge {
    private final Footprint footprint;
    private final InstanceVcpus vcpus;

    /** The vCPU count of an instance type in a region, when known. */
    @FunctionalInterface
    public interface InstanceVcpus {
        OptionalInt of(String region, String instanceType);
    }

    public FootprintJudge(Footprint footprint, InstanceVcpus vcpus) {
        this.footprint = footprint;
        this.vcpus = vcpus;
    }

    /** Whether there is a footprint to judge by at all. */
    public boolean isOn() {
        return footprint.isOn();
    }

    /** The rule {@code record} breaks, if it is a spend-creating call and breaks one. */
    public Optional<FootprintBreach> judge(Provenance record) {
        if (!footprint.isOn() || !SpendShape.judged(record)) {
            return Optional.empty();
        }
        String resource = record.resourceId();
        if (!footprint.allowsRegion(record.region())) {
            return Optional.of(new FootprintBreach.OutsideAllowedRegions(resource, record.region(),
                    footprint.allowedRegions()));
        }
        // A fleet or group that may launch several types is outside when any of them is.
        Optional<FootprintBreach> shape = SpendShape.instanceTypes(record).stream()
                .map(type -> instance(record, type)).flatMap(Optional::stream).findFirst();
        if (shape.isPresent()) {
            return shape;
        }
        return function(record);
    }

    /** Judges a resource by its shape alone (the inventory's view, where no record is at hand). */
    public Optional<FootprintBreach> judgeInstance(String resource, String region, String instanceType) {
        if (!footprint.allowsRegion(region)) {
            return Optional.of(new FootprintBreach.OutsideAllowedRegions(resource, region, footprint.allowedRegions()));
        }
        return instanceShape(resource, region, instanceType);
    }

    /** Judges a function by its region and shape alone (the inventory's view). */
    public Optional<FootprintBreach> judgeFunction(String resource, String region, int memoryMb, int timeoutSeconds) {
        if (!footprint.allowsRegion(region)) {
            return Optional.of(new FootprintBreach.OutsideAllowedRegions(resource, region, footprint.allowedRegions()));
        }
        return footprint.deniesFunction(memoryMb, timeoutSeconds)
                ? Optional.of(new FootprintBreach.DeniedFunctionShape(resource, memoryMb, timeoutSeconds,
                        footprint.deniedFunctionShape().orElseThrow()))
                : Optional.empty();
    }

    private Optional<FootprintBreach> instance(Provenance record, String instanceType) {
        return instanceShape(record.resourceId(), record.region(), instanceType);
    }

    private Optional<FootprintBreach> instanceShape(String resource, String region, String named) {
        // A SageMaker ml. type is judged as the EC2 type it runs on; the breach names the type as written.
        String instanceType = SpendShape.ec2InstanceType(named);
        Optional<String> family = footprint.deniedFamilyOf(instanceType);
        if (family.isPresent()) {
            return Optional.of(new FootprintBreach.DeniedInstanceFamily(resource, named, family.get()));
        }
        if (footprint.maxInstanceVcpus() > 0) {
            OptionalInt count = vcpus.of(region, instanceType);
            if (count.isPresent() && footprint.aboveVcpus(count.getAsInt())) {
                return Optional.of(new FootprintBreach.AboveInstanceVcpus(resource, named, count.getAsInt(),
                        footprint.maxInstanceVcpus()));
            }
        }
        return Optional.empty();
    }

    private Optional<FootprintBreach> function(Provenance record) {
        Optional<Integer> memory = SpendShape.memoryMb(record);
        Optional<Integer> timeout = SpendShape.timeoutSeconds(record);
        if (memory.isEmpty() || timeout.isEmpty()) {
            return Optional.empty();
        }
        return judgeFunction(record.resourceId(), record.region(), memory.get(), timeout.get());
    }
}
