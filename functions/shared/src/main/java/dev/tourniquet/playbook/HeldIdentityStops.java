package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.iam.AttachRoleQuarantinePolicy;
import dev.tourniquet.step.iam.AttachUserQuarantinePolicy;
import dev.tourniquet.step.iam.DeactivateAccessKey;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.List;
import java.util.Optional;

/**
 * The one reversible stopping change for an identity the exposure hold holds ({@link ChainEvents#EXPOSURE_HOLD}): it
 * appeared inside an exposed key's window and CloudTrail has not named its creator yet. A user gets the stack's
 * deny-all quarantine policy; a role the same, and its sessions revoked; a key minted on a user, that key made
 * inactive (its user and other keys left alone). Nothing else — no console deny, no other keys, no chain event: the
 * identity is not yet part of the incident. Provenance later releases it (undone as {@code ./tourniquet release}
 * undoes it) or contains it in full ({@link PersistencePlaybook} on its creation record).
 */
final class HeldIdentityStops {
    private HeldIdentityStops() {}

    /** Whether the signal is an exposure hold of an identity. */
    static boolean applies(IamPersistence made) {
        return made.origin().findingType().filter(ChainEvents.EXPOSURE_HOLD::equals).isPresent();
    }

    static Plan plan(IamPersistence made, AwsClients clients, String quarantinePolicyArn) {
        Provenance record = made.record();
        String id = record.resourceId();
        String name = id.substring(id.indexOf('/') + 1);
        Optional<List<Step>> steps = Optional.empty();
        if (id.startsWith("user/")) {
            steps = Optional.of(List.of(new AttachUserQuarantinePolicy(clients.iam(), name,
                    Optional.of(quarantinePolicyArn))));
        } else if (id.startsWith("role/")) {
            steps = Optional.of(List.of(new AttachRoleQuarantinePolicy(clients.iam(), name, quarantinePolicyArn),
                    new RevokeRoleSessions(clients.iam(), name)));
        } else if (id.startsWith("key/") && record.detail("userName").isPresent()) {
            steps = Optional.of(List.of(new DeactivateAccessKey(clients.iam(), record.detail("userName").get(), name)));
        }
        String why = id + " was created at " + record.time() + ", inside the exposure window of contained credential "
                + made.credential() + " (incident " + made.containment() + "), and no CloudTrail record names its"
                + " creator yet: held (the one reversible stopping change) until its record clears it or names the"
                + " incident";
        return steps.map(s -> Plan.act(made, why, s)).orElseGet(() -> Plan.alertOnly(made, why
                + "; Tourniquet holds no identity of this kind"));
    }
}
