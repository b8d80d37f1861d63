package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SharedResource;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.step.ShareRemoval;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.ec2.Ec2Clients;
import dev.tourniquet.step.ec2.RemoveImageShare;
import dev.tourniquet.step.ec2.RemoveSnapshotShare;
import dev.tourniquet.step.lambda.LambdaClients;
import dev.tourniquet.step.lambda.RemoveFunctionPermission;
import dev.tourniquet.step.rds.RdsClients;
import dev.tourniquet.step.rds.RemoveDbSnapshotShare;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to do with something a contained credential opened or shared ({@link SharedResource}), from its record alone:
 * <ul>
 *   <li>a function permission to anyone or another account: that one statement removed;</li>
 *   <li>a snapshot, an image, a DB (cluster) snapshot shared: the accounts and {@code all} the record says the
 *       credential added taken back, the owner's other shares left;</li>
 *   <li>a layer version published: alert (the functions running it are quarantined, each its own incident; the
 *       layer is kept, deleting it cannot be undone);</li>
 *   <li>a key pair created or imported: alert (the instances launched with the key are the credential's and are
 *       swept; deleting the key pair cannot be undone).</li>
 * </ul>
 * Each function acts on its own kinds only ({@code kinds}): the function quarantine on permissions and layers, the
 * instance isolation on EC2, RDS and key pairs.
 */
final class SharePlaybook {
    private final AwsClients clients;
    private final Set<String> kinds;

    SharePlaybook(AwsClients clients, Set<String> kinds) {
        this.clients = clients;
        this.kinds = Set.copyOf(kinds);
    }

    Plan plan(SharedResource shared) {
        Provenance share = shared.share();
        String kind = shared.kind();
        if (!kinds.contains(kind)) {
            return Plan.recordOnly(shared, "a " + kind + " share is taken back by another Tourniquet function");
        }
        String resource = Shares.resourceOf(share.resourceId());
        String rationale = "shared by a contained credential: " + shared.reason();
        return switch (kind) {
            case Shares.FUNCTION_PERMISSION -> permission(shared, resource, rationale);
            case Shares.LAYER -> Plan.alertOnly(shared, "layer version " + resource + " published by a contained"
                    + " credential (" + shared.reason() + "): every function running it is quarantined in an incident"
                    + " of its own; the layer version is kept as evidence (aws lambda delete-layer-version removes it,"
                    + " and cannot be undone)");
            case Shares.KEYPAIR -> Plan.alertOnly(shared, "key pair " + resource + " made by a contained credential ("
                    + shared.reason() + "): instances it launched are isolated by the sweep; the key pair is kept"
                    + " (aws ec2 delete-key-pair --key-name " + resource + " --region " + share.region()
                    + " removes it, and cannot be undone)");
            default -> added(share).isEmpty() ? Plan.recordOnly(shared, "the record names no account it added")
                    : Plan.act(shared, rationale, List.of(removal(kind, share.region(), resource, added(share))));
        };
    }

    private Plan permission(SharedResource shared, String resource, String rationale) {
        Provenance share = shared.share();
        int hash = resource.lastIndexOf('#');
        Optional<FunctionArn> function = FunctionArn.parse(share.detail("functionArn")
                .orElse(hash > 0 ? resource.substring(0, hash) : resource));
        Optional<String> sid = share.detail("statementId").or(() -> hash > 0
                ? Optional.of(resource.substring(hash + 1)) : Optional.empty());
        Optional<String> principal = share.detail("principal");
        if (function.isEmpty() || sid.isEmpty() || principal.isEmpty()) {
            return Plan.recordOnly(shared, "the record names no function, statement or principal: " + resource);
        }
        return Plan.act(shared, rationale, List.of(new RemoveFunctionPermission(
                LambdaClients.lambda(clients, function.get().region()), function.get(), sid.get(),
                share.detail("qualifier"), principal.get())));
    }

    private Step removal(String kind, String region, String resource, Set<String> added) {
        return switch (kind) {
            case Shares.SNAPSHOT -> new RemoveSnapshotShare(new Ec2Clients(clients).ec2(region, true), region,
                    resource, added);
            case Shares.IMAGE -> new RemoveImageShare(new Ec2Clients(clients).ec2(region, true), region, resource,
                    added);
            case Shares.DB_CLUSTER_SNAPSHOT -> new RemoveDbSnapshotShare(RdsClients.rds(clients, region), region,
                    resource, true, added);
            default -> new RemoveDbSnapshotShare(RdsClients.rds(clients, region), region, resource, false, added);
        };
    }

    // The accounts the record says the credential added, and "all" when it made the resource public.
    static Set<String> added(Provenance share) {
        Set<String> added = new LinkedHashSet<>();
        share.detail("accounts").ifPresent(a -> Arrays.stream(a.split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).forEach(added::add));
        if (share.detail("public").filter(Shares.PUBLIC::equals).isPresent()) {
            added.add(ShareRemoval.EVERYONE);
        }
        return added;
    }
}
