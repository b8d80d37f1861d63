package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.edge.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * Takes a crash-consistent snapshot of every EBS volume of the instance in one call ({@code CreateSnapshots}:
 * all volumes at the same instant), tagged with the incident and the instance, before anything stops the
 * instance. Idempotent: snapshots already tagged with this incident are found first and not taken again.
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:DescribeSnapshots}, {@code ec2:CreateSnapshots},
 * {@code ec2:CreateTags} (tags on create). Undo: nothing to undo, the snapshots are evidence; delete them by
 * hand once the investigation is closed.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshots.html">CreateSnapshots</a>
 */
public final class SnapshotVolumes extends InstanceStep {

    public SnapshotVolumes(Ec2Client ec2, String instanceId, String region) {
        super(ec2, instanceId, region);
    }

    @Override
    public String id() {
        return "snapshot-volumes";
    }

    @Override
    public List<String> permissions() {
        return List.of("ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:CreateSnapshots", "ec2:CreateTags");
    }

    @Override
    public String undo() {
        return "nothing to undo: the snapshots are evidence; once the investigation is closed delete them with"
                + " aws ec2 delete-snapshot --region " + region + " --snapshot-id SNAPSHOT (tag "
                + Ec2Tags.INSTANCE + "=" + instanceId + ")";
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> volumes = Ec2Instances.volumeIds(describe());
        if (volumes.isEmpty()) {
            return new StepResult.Skipped("instance " + instanceId + " has no EBS volume to snapshot");
        }
        ObjectNode prior = prior();
        volumes.forEach(prior.putArray("volumes")::add);
        List<Snapshot> existing = taken(context.incidentId());
        if (existing.stream().map(Snapshot::volumeId).collect(Collectors.toSet()).containsAll(volumes)) {
            record(prior, existing.stream().map(s -> new Taken(s.snapshotId(), s.volumeId())).toList());
            return new StepResult.AlreadyApplied(prior, "volumes already snapshotted for this incident");
        }
        if (context.planOnly()) {
            DryRun.check(() -> create(context.incidentId(), true));
            return new StepResult.Planned(prior, "would snapshot " + volumes.size() + " volume(s) of " + instanceId);
        }
        List<Taken> taken = create(context.incidentId(), false).stream()
                .map(s -> new Taken(s.snapshotId(), s.volumeId())).toList();
        Set<String> ids = taken.stream().map(Taken::snapshotId).collect(Collectors.toSet());
        Verification.until("snapshots " + ids + " listed", () -> taken(context.incidentId()).stream()
                .map(Snapshot::snapshotId).collect(Collectors.toSet()).containsAll(ids));
        record(prior, taken);
        return new StepResult.Applied(prior, "snapshotted " + taken.size() + " volume(s): " + ids);
    }

    private List<SnapshotInfo> create(String incidentId, boolean dryRun) {
        return ec2.createSnapshots(r -> r.dryRun(dryRun)
                .instanceSpecification(i -> i.instanceId(instanceId).excludeBootVolume(false))
                .description("Tourniquet evidence of " + instanceId + " for incident " + incidentId)
                .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                .tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT).tags(
                        Ec2Tags.tag(Ec2Tags.INCIDENT, incidentId), Ec2Tags.tag(Ec2Tags.INSTANCE, instanceId),
                        Ec2Tags.tag(Ec2Tags.COMPONENT, "true")))).snapshots();
    }

    private List<Snapshot> taken(String incidentId) {
        return ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").filters(
                        Ec2Tags.filter(Ec2Tags.INCIDENT, incidentId), Ec2Tags.filter(Ec2Tags.INSTANCE, instanceId)))
                .snapshots().stream().toList();
    }

    private static void record(ObjectNode prior, List<Taken> taken) {
        ArrayNode snapshots = prior.putArray("snapshots");
        taken.forEach(t -> snapshots.addObject().put("snapshotId", t.snapshotId()).put("volumeId", t.volumeId()));
    }

    private record Taken(String snapshotId, String volumeId) {
    }
}
