package dev.tourniquet.step.rds;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.step.ShareRemoval;
import dev.tourniquet.step.StepKind;
import java.util.List;
import java.util.Set;

/**
 * The kinds of database step: a DB snapshot's and a DB cluster snapshot's share taken back, each undone by adding the
 * removed accounts back to its {@code restore} attribute.
 */
public final class RdsStepKinds {
    public static final StepKind REMOVE_DB_SNAPSHOT_SHARE = StepKind.reversible("remove-db-snapshot-share",
            List.of("rds:DescribeDBSnapshotAttributes", "rds:ModifyDBSnapshotAttribute"),
            (prior, target, clients) -> shareAgain(prior, target, clients, false));
    public static final StepKind REMOVE_DB_CLUSTER_SNAPSHOT_SHARE = StepKind.reversible(
            "remove-db-cluster-snapshot-share", List.of("rds:DescribeDBClusterSnapshotAttributes",
                    "rds:ModifyDBClusterSnapshotAttribute"),
            (prior, target, clients) -> shareAgain(prior, target, clients, true));

    private RdsStepKinds() {}

    public static List<StepKind> all() {
        return List.of(REMOVE_DB_SNAPSHOT_SHARE, REMOVE_DB_CLUSTER_SNAPSHOT_SHARE);
    }

    // The accounts (and "all") the step removed may restore the snapshot again; the rest was never touched.
    private static String shareAgain(JsonNode prior, String target, AwsClients clients, boolean cluster) {
        Set<String> removed = ShareRemoval.removed(prior);
        if (!removed.isEmpty()) {
            RemoveDbSnapshotShare.modify(RdsClients.rds(clients, prior.path("region").asText()), cluster, target,
                    List.copyOf(removed), List.of());
        }
        return (cluster ? "DB cluster snapshot " : "DB snapshot ") + target + " shared again with " + removed;
    }
}
