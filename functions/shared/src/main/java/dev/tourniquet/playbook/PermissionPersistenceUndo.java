package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.IamPolicyEventReader;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.TagWrites;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.iam.AttachRoleQuarantinePolicy;
import dev.tourniquet.step.iam.DetachAttachedPolicy;
import dev.tourniquet.step.iam.IamChangeHistory;
import dev.tourniquet.step.iam.IamPrincipalName;
import dev.tourniquet.step.iam.RemoveInlinePolicy;
import dev.tourniquet.step.iam.RemoveUserFromGroup;
import dev.tourniquet.step.iam.RestoreDefaultPolicyVersion;
import dev.tourniquet.step.iam.RestoreRoleTrust;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.List;
import java.util.Optional;

/**
 * Undoes the roles, trusts and permissions a contained credential made or widened:
 * <ul>
 *   <li>{@code CreateRole}: the deny-all on the role and every session of it revoked (it is the attacker's role), and
 *       the role announced contained (what its sessions did is swept the same way);</li>
 *   <li>{@code UpdateAssumeRolePolicy} of an existing role: its trust restored ({@link RestoreRoleTrust});</li>
 *   <li>{@code AttachUserPolicy}/{@code AttachRolePolicy}, {@code PutUserPolicy}/{@code PutRolePolicy},
 *       {@code AddUserToGroup} on an existing user or role: detached, removed (the document kept), out of the group;
 *       on an identity the incident created nothing more (it is denied whole);</li>
 *   <li>{@code CreatePolicyVersion} made default, {@code SetDefaultPolicyVersion}: the default before restored, the
 *       incident's version kept;</li>
 *   <li>{@code CreateOpenIDConnectProvider}/{@code CreateSAMLProvider}: recorded and alerted.</li>
 * </ul>
 * A change someone outside the incident made is never undone: the steps check, when they run, that what they take
 * back is still what the incident set, and the history they read ({@link IamChangeHistory}) tells the incident's
 * records from the owner's.
 */
final class PermissionPersistenceUndo implements PersistenceUndo {
    private final AwsClients clients;
    private final ProvenanceHistory history;

    PermissionPersistenceUndo(AwsClients clients, ProvenanceHistory history) {
        this.clients = clients;
        this.history = history;
    }

    @Override
    public Optional<List<Step>> undo(Provenance record, Incident incident) {
        String id = record.resourceId();
        if (TagWrites.IDENTITY.equals(record.resourceType()) && "CreateRole".equals(record.eventName())
                && id.startsWith("role/")) {
            return Optional.of(createdRole(id.substring("role/".length()), incident));
        }
        if (!IamPolicyEventReader.IAM.equals(record.resourceType())) {
            return Optional.empty();
        }
        return switch (record.eventName()) {
            case "UpdateAssumeRolePolicy" -> trust(record, incident);
            case "AttachUserPolicy", "AttachRolePolicy", "PutUserPolicy", "PutRolePolicy" -> permission(record, incident);
            case "AddUserToGroup" -> group(record, incident);
            case "CreatePolicyVersion", "SetDefaultPolicyVersion" -> policyVersion(record, incident);
            case "CreateOpenIDConnectProvider", "CreateSAMLProvider" -> Optional.of(List.of());
            default -> Optional.empty();
        };
    }

    @Override
    public String rationale(Provenance record, Incident incident) {
        String base = PersistenceUndo.super.rationale(record, incident);
        String id = record.resourceId();
        return switch (record.eventName()) {
            case "CreateRole" -> base + ": the role is the incident's, denied everything and its sessions revoked";
            case "CreateOpenIDConnectProvider", "CreateSAMLProvider" -> base + ": identity provider "
                    + record.detail("providerArn").orElse(id) + " recorded; roles the incident created are denied"
                    + " whole and trusts it added to the owner's roles are taken back. Delete it by hand once checked"
                    + " (aws iam delete-" + (id.startsWith("oidc:") ? "open-id-connect" : "saml") + "-provider)";
            default -> principalOf(record).filter(p -> incident.created(p.toString()))
                    .map(p -> base + ": " + p + " is the incident's own and already denied whole; nothing more to undo")
                    .orElse(base + ": taken back (the owner's later changes stand)");
        };
    }

    private List<Step> createdRole(String role, Incident incident) {
        String roleIdentity = TagWrites.role(role);
        return List.of(new AttachRoleQuarantinePolicy(clients.iam(), role, incident.quarantinePolicyArn()),
                new RevokeRoleSessions(clients.iam(), role),
                IncidentIdentity.contained(clients, incident, roleIdentity, "AssumedRole",
                        Optional.of(incident.iamArn(roleIdentity))));
    }

    private Optional<List<Step>> trust(Provenance record, Incident incident) {
        Optional<String> role = record.detail("roleName");
        Optional<String> document = record.detail("policyDocument");
        if (role.isEmpty() || document.isEmpty()) {
            return Optional.empty();
        }
        if (incident.created(TagWrites.role(role.get()))) {
            return Optional.of(List.of());
        }
        return Optional.of(List.of(new RestoreRoleTrust(clients.iam(), role.get(), record.time(), document.get(),
                changes(record, incident))));
    }

    private Optional<List<Step>> permission(Provenance record, Incident incident) {
        Optional<IamPrincipalName> principal = principalOf(record);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        if (incident.created(principal.get().toString())) {
            return Optional.of(List.of());
        }
        if (record.eventName().startsWith("Attach")) {
            return record.detail("policyArn").map(arn -> List.of(new DetachAttachedPolicy(clients.iam(),
                    principal.get(), arn)));
        }
        return record.detail("policyName").map(name -> List.of(new RemoveInlinePolicy(clients.iam(), principal.get(),
                name, record.detail("policyDocument"))));
    }

    private Optional<List<Step>> group(Provenance record, Incident incident) {
        Optional<String> user = record.detail("userName");
        Optional<String> group = record.detail("groupName");
        if (user.isEmpty() || group.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(incident.created(TagWrites.user(user.get())) ? List.of()
                : List.of(new RemoveUserFromGroup(clients.iam(), user.get(), group.get())));
    }

    // Only a version the incident made default: one created and left aside changes nothing anyone is allowed.
    private Optional<List<Step>> policyVersion(Provenance record, Incident incident) {
        Optional<String> arn = record.detail("policyArn");
        Optional<String> version = record.detail("versionId");
        if (arn.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        if (record.detail("setAsDefault").filter("true"::equals).isEmpty()) {
            return Optional.of(List.of());
        }
        return Optional.of(List.of(new RestoreDefaultPolicyVersion(clients.iam(), arn.get(), version.get(),
                record.time(), changes(record, incident))));
    }

    // The incident's records: its credential's, the record's own caller's, and those of identities it created.
    private IamChangeHistory changes(Provenance record, Incident incident) {
        return new IamChangeHistory(history, p -> p.eventId().equals(record.eventId())
                || p.accessKeyId().filter(key -> key.equals(incident.credential())
                        || key.equals(record.accessKeyId().orElse(""))).isPresent()
                || TagWrites.identityOf(p.principalArn())
                        .filter(identity -> identity.equals(incident.credential()) || incident.created(identity))
                        .isPresent());
    }

    private static Optional<IamPrincipalName> principalOf(Provenance record) {
        return record.detail("roleName").map(TagWrites::role).or(() -> record.detail("userName").map(TagWrites::user))
                .flatMap(IamPrincipalName::parse);
    }
}
