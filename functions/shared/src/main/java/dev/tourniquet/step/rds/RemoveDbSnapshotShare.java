package dev.tourniquet.step.rds;

import dev.tourniquet.step.ShareRemoval;
import dev.tourniquet.step.StepKind;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Takes back a manual DB snapshot's (or DB cluster snapshot's) {@code restore} attribute from the accounts (and
 * {@code all}) a contained credential added ({@code ModifyDBSnapshotAttribute}, {@code
 * ModifyDBClusterSnapshotAttribute}); the owner's shares to other accounts stay ({@link ShareRemoval}).
 *
 * <p>IAM actions: {@code rds:DescribeDBSnapshotAttributes}, {@code rds:ModifyDBSnapshotAttribute} (a cluster
 * snapshot: {@code rds:DescribeDBClusterSnapshotAttributes}, {@code rds:ModifyDBClusterSnapshotAttribute}). Undo:
 * {@code aws rds modify-db-snapshot-attribute --attribute-name restore --values-to-add} with the recorded accounts
 * (./tourniquet release does it).
 */
public final class RemoveDbSnapshotShare extends ShareRemoval {
    static final String RESTORE = "restore";

    private final RdsClient rds;
    private final boolean cluster;

    /** @param cluster whether {@code snapshotId} names a DB cluster snapshot (Aurora) rather than a DB snapshot */
    public RemoveDbSnapshotShare(RdsClient rds, String region, String snapshotId, boolean cluster, Set<String> added) {
        super(region, snapshotId, added);
        this.rds = rds;
        this.cluster = cluster;
    }

    @Override
    public StepKind kind() {
        return cluster ? RdsStepKinds.REMOVE_DB_CLUSTER_SNAPSHOT_SHARE : RdsStepKinds.REMOVE_DB_SNAPSHOT_SHARE;
    }

    @Override
    public String undo() {
        return "aws rds " + (cluster ? "modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier "
                : "modify-db-snapshot-attribute --db-snapshot-identifier ") + resource + " --region " + region
                + " --attribute-name restore --values-to-add with the accounts recorded in the incident"
                + " (or ./tourniquet release)";
    }

    @Override
    protected String describe() {
        return (cluster ? "DB cluster snapshot " : "DB snapshot ") + resource;
    }

    @Override
    protected Set<String> sharedWith() {
        Set<String> shared = new LinkedHashSet<>();
        if (cluster) {
            rds.describeDBClusterSnapshotAttributes(r -> r.dbClusterSnapshotIdentifier(resource))
                    .dbClusterSnapshotAttributesResult().dbClusterSnapshotAttributes().stream()
                    .filter(a -> RESTORE.equals(a.attributeName())).forEach(a -> shared.addAll(a.attributeValues()));
        } else {
            rds.describeDBSnapshotAttributes(r -> r.dbSnapshotIdentifier(resource))
                    .dbSnapshotAttributesResult().dbSnapshotAttributes().stream()
                    .filter(a -> RESTORE.equals(a.attributeName())).forEach(a -> shared.addAll(a.attributeValues()));
        }
        return shared;
    }

    @Override
    protected void remove(Set<String> values) {
        modify(rds, cluster, resource, List.of(), List.copyOf(values));
    }

    static void modify(RdsClient rds, boolean cluster, String snapshotId, List<String> add, List<String> remove) {
        if (cluster) {
            rds.modifyDBClusterSnapshotAttribute(r -> r.dbClusterSnapshotIdentifier(snapshotId).attributeName(RESTORE)
                    .valuesToAdd(add.isEmpty() ? null : add).valuesToRemove(remove.isEmpty() ? null : remove));
        } else {
            rds.modifyDBSnapshotAttribute(r -> r.dbSnapshotIdentifier(snapshotId).attributeName(RESTORE)
                    .valuesToAdd(add.isEmpty() ? null : add).valuesToRemove(remove.isEmpty() ? null : remove));
        }
    }
}
