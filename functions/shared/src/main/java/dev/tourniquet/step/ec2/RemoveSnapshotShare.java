package dev.tourniquet.step.ec2;

import dev.tourniquet.step.ShareRemoval;
import dev.tourniquet.step.StepKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateVolumePermission;
import software.amazon.awssdk.services.ec2.model.OperationType;
import software.amazon.awssdk.services.ec2.model.PermissionGroup;
import software.amazon.awssdk.services.ec2.model.SnapshotAttributeName;

/**
 * Takes back an EBS snapshot's create-volume permission from the accounts (and {@code all}) a contained credential
 * added ({@code ModifySnapshotAttribute}); the owner's shares to other accounts stay ({@link ShareRemoval}).
 *
 * <p>IAM actions: {@code ec2:DescribeSnapshotAttribute}, {@code ec2:ModifySnapshotAttribute}. Undo: {@code aws ec2
 * modify-snapshot-attribute --operation-type add} with the recorded accounts (./tourniquet release does it).
 */
public final class RemoveSnapshotShare extends ShareRemoval {
    private final Ec2Client ec2;

    public RemoveSnapshotShare(Ec2Client ec2, String region, String snapshotId, Set<String> added) {
        super(region, snapshotId, added);
        this.ec2 = ec2;
    }

    @Override
    public StepKind kind() {
        return Ec2StepKinds.REMOVE_SNAPSHOT_SHARE;
    }

    @Override
    public String undo() {
        return "aws ec2 modify-snapshot-attribute --snapshot-id " + resource + " --region " + region
                + " --attribute createVolumePermission --operation-type add with the accounts recorded in the incident"
                + " (or ./tourniquet release)";
    }

    @Override
    protected String describe() {
        return "snapshot " + resource;
    }

    @Override
    protected Set<String> sharedWith() {
        Set<String> shared = new LinkedHashSet<>();
        for (CreateVolumePermission p : ec2.describeSnapshotAttribute(r -> r.snapshotId(resource)
                .attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)).createVolumePermissions()) {
            shared.add(p.group() == PermissionGroup.ALL ? EVERYONE : p.userId());
        }
        return shared;
    }

    @Override
    protected void remove(Set<String> values) {
        modify(ec2, resource, OperationType.REMOVE, values);
    }

    // The OperationType form (user ids and the group "all"), which the API takes beside the structured one.
    static void modify(Ec2Client ec2, String snapshotId, OperationType operation, Set<String> values) {
        List<String> accounts = values.stream().filter(v -> !EVERYONE.equals(v)).toList();
        List<String> groups = values.contains(EVERYONE) ? List.of(EVERYONE) : List.of();
        ec2.modifySnapshotAttribute(r -> r.snapshotId(snapshotId).attribute(SnapshotAttributeName.CREATE_VOLUME_PERMISSION)
                .operationType(operation).userIds(accounts.isEmpty() ? null : accounts)
                .groupNames(groups.isEmpty() ? null : groups));
    }
}
