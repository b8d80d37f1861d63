package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The instances of what a contained key made to launch instances again, inside its window ({@link LaunchSource}):
 * the groups it created or pointed at a template or configuration, the groups following a launch template or
 * configuration it created or changed, its Spot Fleets and EC2 Fleets. Each instance becomes a signal carrying its
 * source as the key's, so that the instance playbook scales the group or fleet to zero (or cancels it) before the
 * stop. Auto Scaling launches a group's instances with its own service role: no record of the key names them.
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
final class LaunchSourceSweep {
    static final List<String> PERMISSIONS = List.of("autoscaling:DescribeAutoScalingGroups",
            "ec2:DescribeSpotFleetRequests", "ec2:DescribeSpotFleetInstances", "ec2:DescribeFleets",
            "ec2:DescribeFleetInstances");
    private static final String DETAIL_REQUEST = "spotInstanceRequestId";

    private final Ec2Clients ec2;
    private final ProvenanceStore provenance;

    LaunchSourceSweep(Ec2Clients ec2, ProvenanceStore provenance) {
        this.ec2 = ec2;
        this.provenance = provenance;
    }

    /** The signals of every instance of the key's groups and fleets, by instance id. */
    Map<String, Signal> signals(SweepRequest request, String reason) {
        List<Provenance> records = new ArrayList<>();
        LaunchSource.TYPES.forEach(type -> provenance.touchedBy(request.accessKeyId(), type).stream()
                .filter(p -> request.inWindow(p.time())).forEach(records::add));
        Map<String, Signal> signals = new LinkedHashMap<>();
        records.stream().collect(Collectors.groupingBy(Provenance::region)).forEach((region, inRegion) -> {
            groups(region, inRegion).forEach((group, record) -> group.instances().forEach(i -> signals.put(
                    i.instanceId(), signal(request, record, i.instanceId(), new LaunchSource(
                            LaunchSource.Kind.AUTO_SCALING_GROUP, group.autoScalingGroupName(), "", true, why(record)),
                            reason))));
            inRegion.stream().filter(p -> LaunchSource.SPOT_FLEET.equals(p.resourceType())
                    || LaunchSource.EC2_FLEET.equals(p.resourceType())).collect(Collectors.toMap(Provenance::resourceId,
                    p -> p, (a, b) -> a)).values().forEach(record -> fleet(region, record).forEach((id, source) ->
                    signals.put(id, signal(request, record, id, source, reason))));
        });
        return signals;
    }

    /**
     * The instances one source launched (a group, a Spot Fleet or EC2 Fleet, a Spot request), by instance id, each with
     * that source as the record's (scaled to zero, set to capacity 0 or cancelled before its stop): a source launched
     * outside the footprint.
     */
    Map<String, LaunchSource> launched(Provenance source) {
        String region = source.region();
        Map<String, LaunchSource> found = new LinkedHashMap<>();
        switch (source.resourceType()) {
            case LaunchSource.AUTO_SCALING_GROUP -> groups(region, List.of(source)).keySet().forEach(group ->
                    group.instances().forEach(i -> found.put(i.instanceId(), new LaunchSource(
                            LaunchSource.Kind.AUTO_SCALING_GROUP, group.autoScalingGroupName(), "", true,
                            why(source)))));
            case LaunchSource.SPOT_FLEET, LaunchSource.EC2_FLEET -> found.putAll(fleet(region, source));
            case LaunchSource.SPOT_REQUEST -> ec2.ec2(region, true).describeSpotInstanceRequestsPaginator(r -> r.filters(
                    f -> f.name("spot-instance-request-id").values(source.resourceId()))).spotInstanceRequests()
                    .stream().filter(spot -> spot.instanceId() != null).forEach(spot -> found.put(spot.instanceId(),
                            new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, source.resourceId(),
                                    spot.typeAsString(), true, why(source))));
            default -> { }
        }
        return found;
    }

    /** A Spot request's instance as the instance sweep found it, with the request as its source. */
    static Provenance spotLaunch(Provenance request, String instanceId, String type) {
        return new Provenance(request.eventId(), request.eventName(), request.time(), request.region(),
                request.accountId(), "instance", instanceId, request.accessKeyId(), request.principalArn(),
                request.principalType(), Map.of(DETAIL_REQUEST, request.resourceId(), LaunchSource.SPOT_TYPE,
                        type == null ? "" : type));
    }

    /** The source of an instance found through the key's Spot request, if it was. */
    static Optional<LaunchSource> ofSpotLaunch(Provenance record) {
        return record.detail(DETAIL_REQUEST).map(id -> new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, id,
                record.detail(LaunchSource.SPOT_TYPE).orElse(""), true, why(record)));
    }

    private static Signal signal(SweepRequest request, Provenance record, String instanceId, LaunchSource source,
                                 String reason) {
        return new CompromisedInstance(request.resourceOrigin(record.accountId(), record.region()), instanceId,
                record.region(), Optional.empty(), List.of(), false, true, reason + " (" + request.accessKeyId()
                + ", incident " + request.incidentId() + "): launched by its " + source.kind().name().toLowerCase()
                .replace('_', ' ') + " " + source.id(), InstanceFacts.NONE.withLaunchedBy(Optional.of(record))
                .withLaunchSource(Optional.of(source)));
    }

    private static String why(Provenance record) {
        return record.eventName() + " of " + record.resourceId() + " by " + record.accessKeyId().orElse("?") + " at "
                + record.time();
    }

    // The groups the key named, and those following a template or configuration it wrote (every group of the region
    // is read then: Auto Scaling has no filter by template).
    private Map<AutoScalingGroup, Provenance> groups(String region, List<Provenance> records) {
        Map<String, Provenance> named = new HashMap<>();
        Map<String, Provenance> launches = new HashMap<>();
        for (Provenance p : records) {
            switch (p.resourceType()) {
                case LaunchSource.AUTO_SCALING_GROUP -> named.putIfAbsent(p.resourceId(), p);
                case LaunchSource.LAUNCH_TEMPLATE -> {
                    launches.putIfAbsent(p.resourceId(), p);
                    p.detail("launchTemplateName").ifPresent(name -> launches.putIfAbsent(name, p));
                }
                case LaunchSource.LAUNCH_CONFIGURATION -> launches.putIfAbsent(p.resourceId(), p);
                default -> { }
            }
        }
        Map<AutoScalingGroup, Provenance> groups = new LinkedHashMap<>();
        if (named.isEmpty() && launches.isEmpty()) {
            return groups;
        }
        AutoScalingClient autoScaling = ec2.autoScaling(region, true);
        var pages = launches.isEmpty()
                ? autoScaling.describeAutoScalingGroupsPaginator(r -> r.autoScalingGroupNames(named.keySet()))
                : autoScaling.describeAutoScalingGroupsPaginator(r -> { });
        pages.autoScalingGroups().forEach(group -> Optional.ofNullable(named.get(group.autoScalingGroupName()))
                .or(() -> launchOf(group).stream().map(launches::get).filter(java.util.Objects::nonNull).findFirst())
                .ifPresent(record -> groups.put(group, record)));
        return groups;
    }

    private static Set<String> launchOf(AutoScalingGroup group) {
        Set<String> names = new java.util.HashSet<>();
        Optional.ofNullable(group.launchConfigurationName()).ifPresent(names::add);
        List<LaunchTemplateSpecification> templates = new ArrayList<>();
        Optional.ofNullable(group.launchTemplate()).ifPresent(templates::add);
        Optional.ofNullable(group.mixedInstancesPolicy()).map(m -> m.launchTemplate())
                .map(t -> t.launchTemplateSpecification()).ifPresent(templates::add);
        templates.forEach(t -> {
            Optional.ofNullable(t.launchTemplateId()).ifPresent(names::add);
            Optional.ofNullable(t.launchTemplateName()).ifPresent(names::add);
        });
        return names;
    }

    // A fleet's running instances and its type; a fleet gone (or never there) has none.
    private Map<String, LaunchSource> fleet(String region, Provenance record) {
        Ec2Client client = ec2.ec2(region, true);
        String id = record.resourceId();
        Map<String, LaunchSource> found = new LinkedHashMap<>();
        try {
            if (LaunchSource.SPOT_FLEET.equals(record.resourceType())) {
                String type = client.describeSpotFleetRequests(r -> r.spotFleetRequestIds(id)).spotFleetRequestConfigs()
                        .stream().findFirst().map(c -> c.spotFleetRequestConfig().typeAsString()).orElse(null);
                // AWS's default type, when the description leaves it out.
                type = type == null ? "maintain" : type;
                LaunchSource source = new LaunchSource(LaunchSource.Kind.SPOT_FLEET, id, type, true, why(record));
                client.describeSpotFleetInstances(r -> r.spotFleetRequestId(id)).activeInstances()
                        .forEach(i -> found.put(i.instanceId(), source));
            } else {
                String type = client.describeFleets(r -> r.fleetIds(id)).fleets().stream().findFirst()
                        .map(f -> f.typeAsString()).orElse(null);
                type = type == null ? "maintain" : type;
                LaunchSource source = new LaunchSource(LaunchSource.Kind.EC2_FLEET, id, type, true, why(record));
                client.describeFleetInstances(r -> r.fleetId(id)).activeInstances()
                        .forEach(i -> found.put(i.instanceId(), source));
            }
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() == null || !String.valueOf(e.awsErrorDetails().errorCode()).contains("NotFound")) {
                throw e;
            }
        }
        return found;
    }
}
