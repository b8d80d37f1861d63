package dev.tourniquet.flow;

import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Every instance a contained credential launched or started inside its exposure window, in every region provenance
 * recorded, as signals to contain: stopped (a miner until shown otherwise) and isolated. What it launched only
 * before the window is listed, never touched ({@link ExposureWindow}); a credential implicated only as a creator is
 * bounded by the flagged instance's type and image and a count ({@link CreatorBound}, read with
 * {@code ec2:DescribeInstances}). Spot requests are followed to
 * the instances they launched. Only the contained key's own records count, never the rest of its user's. What the
 * key shared inside its window (snapshots, images, database snapshots, key pairs: {@link Shares}) is swept too,
 * unless the key is implicated only as a creator. The instances of its Auto Scaling groups and fleets (and of groups
 * following its launch templates) are found through {@link LaunchSourceSweep}.
 *
 * <p>IAM actions: {@link #PERMISSIONS}. EC2 calls go through the paced clients of {@link Ec2Clients}.
 */
public final class InstanceSweeper implements Sweeper {
    public static final List<String> PERMISSIONS = Stream.concat(Stream.of("dynamodb:Query",
            "ec2:DescribeSpotInstanceRequests", "ec2:DescribeInstances"), LaunchSourceSweep.PERMISSIONS.stream()).toList();
    static final String REASON = "launched by a contained credential";

    private final Ec2Clients ec2;
    private final ProvenanceStore provenance;

    private final int creatorLimit;
    private final LaunchSourceSweep launchSources;

    private final Optional<ExposureHold> hold;

    /** @param creatorLimit how many instances of the flagged shape a creator's sweep contains at most */
    public InstanceSweeper(Ec2Clients ec2, ProvenanceStore provenance, int creatorLimit) {
        this(ec2, provenance, creatorLimit, Optional.empty());
    }

    /** A sweeper that also takes the exposure hold of instances ({@link ExposureHold}). */
    public InstanceSweeper(Ec2Clients ec2, ProvenanceStore provenance, int creatorLimit, Optional<ExposureHold> hold) {
        this.ec2 = ec2;
        this.provenance = provenance;
        this.creatorLimit = creatorLimit;
        this.hold = hold;
        this.launchSources = new LaunchSourceSweep(ec2, provenance);
    }

    @Override
    public Optional<ExposureHold> exposureHold() {
        return hold;
    }

    @Override
    public Swept expand(SweepRequest request) {
        List<Provenance> records = new ArrayList<>(provenance.touchedBy(request.accessKeyId(), "instance"));
        Map<String, List<Provenance>> spotByRegion = provenance.touchedBy(request.accessKeyId(), "spot-request")
                .stream().collect(Collectors.groupingBy(Provenance::region));
        // A spot request's instances count from the request's own time (the record that made them).
        spotByRegion.forEach((region, requests) -> records.addAll(launchedBySpot(region, requests)));
        ExposureWindow window = ExposureWindow.of(records, request.windowStart());
        if (request.implication() != Implication.CREATOR) {
            // An instance of the key's group or fleet carries that source (scaled to zero before the stop).
            Map<String, Signal> sourced = launchSources.signals(request, REASON);
            List<Signal> acted = new ArrayList<>(signals(request, window.inWindow(), request::resourceOrigin));
            acted.removeIf(s -> sourced.containsKey(s.subject()));
            acted.addAll(sourced.values());
            acted.addAll(shares(request));
            // What appeared in the window with no launch recorded yet (the exposure hold), when this sweeper takes it.
            Set<String> swept = acted.stream().map(Signal::subject).collect(Collectors.toSet());
            List<Signal> provisional = hold.map(h -> h.take(request, swept)).orElse(List.of());
            return new Swept(acted, List.of(), provisional, window.beforeWindow(), List.of());
        }
        CreatorBound bound = CreatorBound.of(window.inWindow(), request.flaggedResource(),
                shapes(records), creatorLimit);
        return new Swept(signals(request, bound.contain(), request::resourceOrigin),
                signals(request, bound.hold(), request::heldOrigin), window.beforeWindow(), bound.unlike());
    }

    @Override
    public Optional<List<Signal>> launchedBy(Origin origin, Provenance source, String reason) {
        List<Signal> signals = new ArrayList<>();
        launchSources.launched(source).forEach((id, launcher) -> signals.add(new CompromisedInstance(origin, id,
                source.region(), Optional.empty(), List.of(), false, true, reason + " (launched by its "
                + launcher.kind().name().toLowerCase().replace('_', ' ') + " " + launcher.id() + ")",
                InstanceFacts.NONE.withLaunchedBy(Optional.of(source)).withLaunchSource(Optional.of(launcher)))));
        return Optional.of(signals);
    }

    private static List<Signal> signals(SweepRequest request, List<Provenance> records,
                                        BiFunction<String, String, Origin> origin) {
        List<Signal> signals = new ArrayList<>();
        records.forEach(p -> signals.add(new CompromisedInstance(origin.apply(p.accountId(), p.region()),
                p.resourceId(), p.region(), Optional.empty(), List.of(), false, true, REASON + " ("
                + request.accessKeyId() + ", incident " + request.incidentId() + ")",
                InstanceFacts.NONE.withLaunchedBy(Optional.of(p)).withLaunchSource(LaunchSourceSweep.ofSpotLaunch(p)))));
        return signals;
    }

    // The shapes of the instances the credential launched, the flagged one among them (its record names its
    // region), read region by region with a filter: an instance gone would fail a call by ids.
    private Map<String, ResourceShape> shapes(List<Provenance> records) {
        Map<String, Set<String>> byRegion = new HashMap<>();
        records.forEach(p -> byRegion.computeIfAbsent(p.region(), r -> new TreeSet<>()).add(p.resourceId()));
        Map<String, ResourceShape> shapes = new HashMap<>();
        byRegion.forEach((region, ids) -> ec2.ec2(region, true).describeInstancesPaginator(r -> r.filters(
                f -> f.name("instance-id").values(ids))).reservations().forEach(reservation -> reservation.instances()
                .forEach(i -> shapes.put(i.instanceId(), new ResourceShape.Instance(i.instanceTypeAsString(),
                        i.imageId() == null ? "" : i.imageId())))));
        return shapes;
    }

    // What the key shared inside its window (a snapshot, an image, a database snapshot, a key pair): each its own
    // incident, undone exactly as the record says.
    private List<Signal> shares(SweepRequest request) {
        Map<String, Provenance> shares = new LinkedHashMap<>();
        provenance.touchedBy(request.accessKeyId(), Shares.TYPE).forEach(p -> shares.putIfAbsent(p.resourceId(), p));
        return shares.values().stream()
                .filter(p -> Shares.isShare(p, Shares.INSTANCE_KINDS) && request.inWindow(p.time()))
                .<Signal>map(p -> new SharedResource(request.resourceOrigin(p.accountId(), p.region()), p,
                        p.eventName() + " by contained credential " + request.accessKeyId() + " at " + p.time()
                                + " (incident " + request.incidentId() + ")"))
                .toList();
    }

    // A filter rather than ids: requests long gone would fail the whole call with NotFound.
    private List<Provenance> launchedBySpot(String region, List<Provenance> requests) {
        Map<String, Provenance> byRequest = requests.stream()
                .collect(Collectors.toMap(Provenance::resourceId, p -> p, (a, b) -> a));
        List<Provenance> launched = new ArrayList<>();
        for (SpotInstanceRequest spot : ec2.ec2(region, true).describeSpotInstanceRequestsPaginator(r -> r.filters(
                f -> f.name("spot-instance-request-id").values(byRequest.keySet()))).spotInstanceRequests()) {
            Provenance request = byRequest.get(spot.spotInstanceRequestId());
            if (spot.instanceId() != null && request != null) {
                launched.add(LaunchSourceSweep.spotLaunch(request, spot.instanceId(), spot.typeAsString()));
            }
        }
        return launched;
    }
}
