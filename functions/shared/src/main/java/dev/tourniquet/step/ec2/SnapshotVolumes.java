package dev.tourniquet.step.ec2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CopyTagsFromSource;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotInfo;

/**
 * Takes a crash-consistent snapshot of every EBS volume of the instance in one call ({@code CreateSnapshots}:
 * all volumes at the same instant), tagged with the incident and the instance, before anything stops the
 * instance. Idempotent: snapshots already tagged with this incident are found first and not taken again;
 * nor are they for a stopped instance Tourniquet already snapshotted (its disks cannot have changed).
 *
 * <p>IAM actions: {@code ec2:DescribeInstances}, {@code ec2:DescribeSnapshots}, {@code ec2:CreateSnapshots},
 * {@code ec2:CreateTags} (tags on create). Undo: nothing to undo, the snapshots are evidence; delete them by
 * hand once the investigation is closed.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSnapshots.html">CreateSnapshots</a>
 */
public final class SnapshotVolumes extends InstanceStep {
    private static final Set<InstanceStateName> RUNNING = Set.of(InstanceStateName.PENDING, InstanceStateName.RUNNING);

    private final Supplier<Ec2Client> once;

    /**
     * @param once the same client making each call once, asked for only when snapshots are taken (a cold
     *             start builds no client it does not use): {@code CreateSnapshots} is not idempotent, and the
     *             SDK's retry after a lost answer would take every snapshot twice
     */
    public SnapshotVolumes(Ec2Client ec2, Supplier<Ec2Client> once, String instanceId, String region) {
        super(ec2, instanceId, region);
        this.once = once;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.SNAPSHOT_VOLUMES;
    }


    @Override
    public String undo() {
        return "nothing to undo: the snapshots are evidence; once the investigation is closed delete them with"
                + " aws ec2 delete-snapshot --region " + region + " --snapshot-id SNAPSHOT (tag "
                + Ec2Tags.INSTANCE + "=" + instanceId + ")";
    }

    @Override
    public StepResult run(StepContext context) {
        Instance instance = describe();
        List<String> volumes = Ec2Instances.volumeIds(instance);
        if (volumes.isEmpty()) {
            return new StepResult.Skipped("instance " + instanceId + " has no EBS volume to snapshot");
        }
        ObjectNode prior = prior();
        volumes.forEach(prior.putArray("volumes")::add);
        List<Snapshot> existing = taken();
        List<Snapshot> ofThisIncident = ofIncident(existing, context.incidentId());
        if (covers(ofThisIncident, volumes)) {
            record(prior, ofThisIncident);
            return new StepResult.AlreadyApplied(prior, "volumes already snapshotted for this incident");
        }
        // A stopped instance's disks cannot change: the snapshots an earlier incident took are still its state.
        if (!RUNNING.contains(instance.state().name()) && covers(existing, volumes)) {
            record(prior, existing);
            return new StepResult.AlreadyApplied(prior, "volumes unchanged since Tourniquet's earlier snapshots:"
                    + " the instance is " + instance.state().nameAsString());
        }
        if (context.planOnly()) {
            DryRun.check(() -> create(context.incidentId(), true));
            return new StepResult.Planned(prior, "would snapshot " + volumes.size() + " volume(s) of " + instanceId);
        }
        Set<String> ids = createOnce(context.incidentId(), volumes);
        Verification.until("snapshots " + ids + " listed", () -> taken().stream().map(Snapshot::snapshotId)
                .collect(Collectors.toSet()).containsAll(ids));
        record(prior, taken().stream().filter(s -> ids.contains(s.snapshotId())).toList());
        return new StepResult.Applied(prior, "snapshotted " + ids.size() + " volume(s): " + new TreeSet<>(ids));
    }

    private static boolean covers(List<Snapshot> snapshots, List<String> volumes) {
        return snapshots.stream().map(Snapshot::volumeId).collect(Collectors.toSet()).containsAll(volumes);
    }

    // A call that failed may have been applied with its answer lost: what it took is looked for before it fails.
    private Set<String> createOnce(String incidentId, List<String> volumes) {
        try {
            return create(incidentId, false).stream().map(SnapshotInfo::snapshotId).collect(Collectors.toSet());
        } catch (RuntimeException failed) {
            List<Snapshot> taken = ofIncident(taken(), incidentId);
            if (covers(taken, volumes)) {
                return taken.stream().map(Snapshot::snapshotId).collect(Collectors.toSet());
            }
            throw failed;
        }
    }

    private static List<Snapshot> ofIncident(List<Snapshot> snapshots, String incidentId) {
        return snapshots.stream().filter(s -> s.tags().stream()
                .anyMatch(t -> Ec2Tags.INCIDENT.equals(t.key()) && incidentId.equals(t.value()))).toList();
    }

    private List<SnapshotInfo> create(String incidentId, boolean dryRun) {
        return (dryRun ? ec2 : once.get()).createSnapshots(r -> r.dryRun(dryRun)
                .instanceSpecification(i -> i.instanceId(instanceId).excludeBootVolume(false))
                .description("Tourniquet evidence of " + instanceId + " for incident " + incidentId)
                .copyTagsFromSource(CopyTagsFromSource.VOLUME)
                .tagSpecifications(t -> t.resourceType(ResourceType.SNAPSHOT).tags(
                        Ec2Tags.tag(Ec2Tags.INCIDENT, incidentId), Ec2Tags.tag(Ec2Tags.INSTANCE, instanceId),
                        Ec2Tags.tag(Ec2Tags.COMPONENT, "true")))).snapshots();
    }

    // Every snapshot Tourniquet took of this instance, whichever incident it was for.
    private List<Snapshot> taken() {
        return ec2.describeSnapshotsPaginator(r -> r.ownerIds("self").filters(
                        Ec2Tags.filter(Ec2Tags.INSTANCE, instanceId)))
                .snapshots().stream().toList();
    }

    private static void record(ObjectNode prior, List<Snapshot> taken) {
        ArrayNode snapshots = prior.putArray("snapshots");
        taken.forEach(s -> snapshots.addObject().put("snapshotId", s.snapshotId()).put("volumeId", s.volumeId())
                .put("incident", s.tags().stream().filter(t -> Ec2Tags.INCIDENT.equals(t.key()))
                        .map(software.amazon.awssdk.services.ec2.model.Tag::value).findFirst().orElse("")));
    }
}
