package dev.tourniquet.flow;

import dev.tourniquet.internal.Footprint;
import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.playbook.FootprintJudge;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Pending and running instances outside the footprint (their region, a denied family, more vCPUs than allowed), listed
 * with {@code ec2:DescribeInstances} (filtered on the state) through the region's paced client. An instance's vCPUs
 * are its {@code CpuOptions} (cores × threads per core, what it really runs with); where the answer has none, its
 * type's default from {@code ec2:DescribeInstanceTypes}, asked once per type and region. It appeared at its first
 * launch — the attach time of its primary network interface or root volume, which a stop and start keep — or at its
 * {@code LaunchTime} (the latest start) when neither is reported. The Spot request, fleet or Auto Scaling group that
 * launched it explains it too: CloudTrail names their caller, not the instance's.
 */
final class FootprintInstances implements FootprintListing {
    /** The tags AWS writes on what a group or fleet launched: their ids, as provenance records them. */
    private static final List<String> LAUNCHER_TAGS = List.of("aws:autoscaling:groupName",
            "aws:ec2spot:fleet-request-id", "aws:ec2:fleet-id");

    private final Ec2Clients ec2;
    private final Footprint footprint;
    private final AppearedInstances signals;
    private final Map<String, OptionalInt> typeVcpus = new ConcurrentHashMap<>();

    FootprintInstances(Ec2Clients ec2, Footprint footprint) {
        this.ec2 = ec2;
        this.footprint = footprint;
        this.signals = new AppearedInstances(ec2);
    }

    @Override
    public String kind() {
        return "instance";
    }

    @Override
    public List<Outside> list(String region) {
        Ec2Client client = ec2.ec2(region, true);
        List<Outside> outside = new ArrayList<>();
        client.describeInstancesPaginator(r -> r.filters(f -> f.name("instance-state-name").values("pending", "running")))
                .reservations().forEach(reservation -> reservation.instances().forEach(instance -> {
                    OptionalInt cpus = vcpusOf(instance);
                    FootprintJudge judge = new FootprintJudge(footprint,
                            (r, type) -> cpus.isPresent() ? cpus : typeVcpus(client, r, type));
                    Optional<FootprintBreach> breach = judge.judgeInstance(instance.instanceId(), region,
                            instance.instanceTypeAsString());
                    breach.ifPresent(b -> outside.add(new Outside(instance.instanceId(), region,
                            Objects.requireNonNullElse(reservation.ownerId(), ""), firstLaunch(instance), b,
                            launchers(instance))));
                }));
        return outside;
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason) {
        return signals.signal(origin, resourceId, region, reason, Optional.empty());
    }

    static OptionalInt vcpusOf(Instance instance) {
        if (instance.cpuOptions() == null || instance.cpuOptions().coreCount() == null) {
            return OptionalInt.empty();
        }
        Integer threads = instance.cpuOptions().threadsPerCore();
        return OptionalInt.of(instance.cpuOptions().coreCount() * (threads == null ? 1 : threads));
    }

    private OptionalInt typeVcpus(Ec2Client client, String region, String type) {
        return typeVcpus.computeIfAbsent(region + "/" + type, k -> client.describeInstanceTypes(r -> r
                        .instanceTypesWithStrings(type)).instanceTypes().stream()
                .filter(t -> t.vCpuInfo() != null && t.vCpuInfo().defaultVCpus() != null)
                .mapToInt(t -> t.vCpuInfo().defaultVCpus()).findFirst());
    }

    // A stop and start changes LaunchTime; the primary interface and root volume keep their first attach time.
    static Instant firstLaunch(Instance instance) {
        Stream<Instant> interfaces = instance.networkInterfaces().stream()
                .filter(n -> n.attachment() != null && Integer.valueOf(0).equals(n.attachment().deviceIndex()))
                .map(n -> n.attachment().attachTime());
        Stream<Instant> root = instance.blockDeviceMappings().stream()
                .filter(b -> b.deviceName() != null && b.deviceName().equals(instance.rootDeviceName()) && b.ebs() != null)
                .map(b -> b.ebs().attachTime());
        Instant launch = instance.launchTime() == null ? Instant.EPOCH : instance.launchTime();
        return Stream.concat(Stream.concat(interfaces, root), Stream.of(launch)).filter(Objects::nonNull)
                .min(Instant::compareTo).orElse(launch);
    }

    private static List<String> launchers(Instance instance) {
        List<String> ids = new ArrayList<>();
        if (instance.spotInstanceRequestId() != null) {
            ids.add(instance.spotInstanceRequestId());
        }
        instance.tags().stream().filter(t -> LAUNCHER_TAGS.contains(t.key())).map(Tag::value).forEach(ids::add);
        return ids;
    }
}
