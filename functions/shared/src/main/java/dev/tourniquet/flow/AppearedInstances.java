package dev.tourniquet.flow;

import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.ec2.Ec2Clients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Instances pending or running whose {@code LaunchTime} (launch, or the latest start) falls in a span, listed with
 * {@code ec2:DescribeInstances} through the region's paced client. EC2's {@code launch-time} filter matches exact
 * times and wildcards only, not ranges: the span is applied here. A Spot instance is explained by its request's records
 * too (CloudTrail names the caller of {@code RequestSpotInstances}; the launch itself is the Spot service's).
 */
final class AppearedInstances implements AppearedResources {
    private final Ec2Clients ec2;

    AppearedInstances(Ec2Clients ec2) {
        this.ec2 = ec2;
    }

    @Override
    public String kind() {
        return "instance";
    }

    @Override
    public List<Appeared> list(String region, Instant from, Instant to) {
        List<Appeared> appeared = new ArrayList<>();
        ec2.ec2(region, true).describeInstancesPaginator(r -> r.filters(f -> f.name("instance-state-name")
                .values("pending", "running"))).reservations().forEach(reservation -> reservation.instances()
                .forEach(i -> {
                    Instant at = i.launchTime();
                    if (at != null && !at.isBefore(from) && !at.isAfter(to)) {
                        appeared.add(new Appeared(i.instanceId(), region,
                                reservation.ownerId() == null ? "" : reservation.ownerId(), at,
                                i.spotInstanceRequestId() == null ? List.of() : List.of(i.spotInstanceRequestId())));
                    }
                }));
        return appeared;
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason,
                         Optional<Provenance> creator) {
        return new CompromisedInstance(origin, resourceId, region, Optional.empty(), List.of(), false, true, reason,
                InstanceFacts.NONE.withLaunchedBy(creator));
    }
}
