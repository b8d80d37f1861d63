package dev.tourniquet.step.ec2;

import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.signal.SignalEnricher;
import dev.tourniquet.signal.CompromisedInstance;
import dev.tourniquet.signal.InstanceFacts;
import dev.tourniquet.signal.LaunchSource;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.cloudtrail.ExemptTagWriters;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * Reads what the playbook decides on, as it is now (a finding can be minutes old): the instance's tags and
 * instance profile from EC2, the profile's role from IAM, and who launched the instance from provenance
 * (the instance's own record, else its Spot request's), and, only when it carries the exempt tag, who wrote
 * that tag ({@link ExemptTagWriters}), and what launched it and would launch it again ({@link LaunchSource}: the
 * group or fleet its tags name, its Spot request and that request's type). A terminated instance is gone: nothing to contain.
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
public final class InstanceEnricher implements SignalEnricher {
    public static final List<String> PERMISSIONS = List.of("ec2:DescribeInstances", "iam:GetInstanceProfile",
            "dynamodb:Query", "cloudtrail:LookupEvents", "ec2:DescribeSpotInstanceRequests");

    private final Ec2Clients ec2;
    private final IamClient iam;
    private final ProvenanceHistory provenance;
    private final ExemptTagWriters tagWriters;

    public InstanceEnricher(Ec2Clients ec2, IamClient iam, ProvenanceHistory provenance, ExemptTagWriters tagWriters) {
        this.ec2 = ec2;
        this.iam = iam;
        this.provenance = provenance;
        this.tagWriters = tagWriters;
    }

    @Override
    public Signal enrich(Signal signal) {
        if (!(signal instanceof CompromisedInstance compromised)) {
            return signal;
        }
        Instance instance = Ec2Instances.describe(ec2.ec2(compromised.region(), compromised.fromSweep()),
                compromised.instanceId());
        if (instance.state().name() == InstanceStateName.TERMINATED) {
            throw new ResourceGoneException("instance " + compromised.instanceId() + " is terminated");
        }
        Optional<String> profileArn = Optional.ofNullable(instance.iamInstanceProfile()).map(p -> p.arn());
        Optional<Provenance> launchedBy = compromised.facts().launchedBy()
                .or(() -> provenance.latest(compromised.instanceId()))
                .or(() -> Optional.ofNullable(instance.spotInstanceRequestId()).flatMap(provenance::latest));
        Map<String, String> tags = tags(instance.tags());
        // A sweep names the source it found through the key's own records; otherwise it is read from the instance.
        Optional<LaunchSource> source = compromised.facts().launchSource()
                .or(() -> launchSource(compromised, instance, tags));
        return compromised.withFacts(new InstanceFacts(tags, profileArn, profileArn.flatMap(this::roleArn), launchedBy,
                tagWriters.ofInstance(tags, compromised.instanceId(), compromised.region()), source));
    }

    // What launched it, as the owner's: Auto Scaling and the fleets tag their instances; a Spot request is read for
    // its type (a one-time request's instance cannot be stopped).
    private Optional<LaunchSource> launchSource(CompromisedInstance compromised, Instance instance,
                                                Map<String, String> tags) {
        Optional<LaunchSource> tagged = LaunchSource.ofTags(tags, "named by the instance's own tags");
        if (tagged.isPresent() || instance.spotInstanceRequestId() == null) {
            return tagged;
        }
        String request = instance.spotInstanceRequestId();
        return ec2.ec2(compromised.region(), compromised.fromSweep()).describeSpotInstanceRequests(r -> r.filters(
                f -> f.name("spot-instance-request-id").values(request))).spotInstanceRequests().stream().findFirst()
                .map(s -> new LaunchSource(LaunchSource.Kind.SPOT_REQUEST, request, s.typeAsString(), false,
                        "its Spot request " + request));
    }

    // The profile's name is the last segment of its ARN (after any path).
    private Optional<String> roleArn(String profileArn) {
        String name = profileArn.substring(profileArn.lastIndexOf('/') + 1);
        try {
            return iam.getInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile().roles().stream()
                    .map(Role::arn).findFirst();
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }
}
