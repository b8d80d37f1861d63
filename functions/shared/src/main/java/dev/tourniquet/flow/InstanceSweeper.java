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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.SpotInstanceRequest;

/**
 * Every instance a contained credential launched or started, in every region provenance recorded, as
 * signals to contain: stopped (a miner until shown otherwise) and isolated. Spot requests are followed to
 * the instances they launched. Only the contained key's own records count, never the rest of its user's. What the
 * key shared inside its window (snapshots, images, database snapshots, key pairs: {@link Shares}) is swept too.
 *
 * <p>IAM actions: {@link #PERMISSIONS}. EC2 calls go through the paced clients of {@link Ec2Clients}.
 */
public final class InstanceSweeper implements Sweeper {
    public static final List<String> PERMISSIONS = List.of("dynamodb:Query", "ec2:DescribeSpotInstanceRequests");
    static final String REASON = "launched by a contained credential";

    private final Ec2Clients ec2;
    private final ProvenanceStore provenance;

    public InstanceSweeper(Ec2Clients ec2, ProvenanceStore provenance) {
        this.ec2 = ec2;
        this.provenance = provenance;
    }

    @Override
    public List<Signal> expand(SweepRequest request) {
        Map<String, Provenance> instances = new LinkedHashMap<>();
        provenance.touchedBy(request.accessKeyId(), "instance").forEach(p -> instances.putIfAbsent(p.resourceId(), p));
        Map<String, List<Provenance>> spotByRegion = provenance.touchedBy(request.accessKeyId(), "spot-request")
                .stream().collect(Collectors.groupingBy(Provenance::region));
        spotByRegion.forEach((region, requests) -> launchedBySpot(region, requests)
                .forEach(p -> instances.putIfAbsent(p.resourceId(), p)));
        List<Signal> signals = new ArrayList<>();
        instances.values().forEach(p -> signals.add(new CompromisedInstance(request.resourceOrigin(p.accountId(), p.region()), p.resourceId(),
                p.region(), Optional.empty(), List.of(), false, true, REASON + " (" + request.accessKeyId()
                + ", incident " + request.incidentId() + ")", InstanceFacts.NONE.withLaunchedBy(Optional.of(p)))));
        signals.addAll(shares(request));
        return signals;
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
                launched.add(new Provenance(request.eventId(), request.eventName(), request.time(), region,
                        request.accountId(), "instance", spot.instanceId(), request.accessKeyId(),
                        request.principalArn(), request.principalType()));
            }
        }
        return launched;
    }
}
