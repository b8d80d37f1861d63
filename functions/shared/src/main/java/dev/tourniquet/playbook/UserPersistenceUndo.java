package dev.tourniquet.playbook;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.TagWrites;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.iam.AttachUserQuarantinePolicy;
import dev.tourniquet.step.iam.DeactivateAccessKey;
import dev.tourniquet.step.iam.DeactivateServiceSpecificCredential;
import dev.tourniquet.step.iam.DeactivateUserAccessKeys;
import dev.tourniquet.step.iam.DeleteLoginProfile;
import dev.tourniquet.step.iam.DenyConsoleSignIn;
import dev.tourniquet.step.iam.RevokeFederatedSession;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undoes the users and credentials a contained credential made:
 * <ul>
 *   <li>{@code CreateUser}: every key of the user inactive, the deny-all quarantine attached, its console denied
 *       (its password deleted only where irreversible actions are allowed), and the user part of the incident;</li>
 *   <li>{@code CreateAccessKey}: that key inactive (on the owner's user only that key) and part of the incident;</li>
 *   <li>{@code CreateLoginProfile}/{@code UpdateLoginProfile}: that user's console denied (reversibly);</li>
 *   <li>{@code CreateServiceSpecificCredential}: that credential inactive;</li>
 *   <li>an MFA device: recorded and alerted;</li>
 *   <li>{@code AssumeRole}, {@code GetFederationToken} with the key: that one session revoked (a federated session of
 *       a user the incident denies is denied with it).</li>
 * </ul>
 */
final class UserPersistenceUndo implements PersistenceUndo {
    private final AwsClients clients;

    UserPersistenceUndo(AwsClients clients) {
        this.clients = clients;
    }

    @Override
    public Optional<List<Step>> undo(Provenance record, Incident incident) {
        String id = record.resourceId();
        Optional<String> user = record.detail("userName");
        if (TagWrites.IDENTITY.equals(record.resourceType())) {
            if (id.startsWith("user/")) {
                return Optional.of(createdUser(id.substring("user/".length()), incident));
            }
            if (id.startsWith("key/") && user.isPresent()) {
                return Optional.of(mintedKey(incident, id.substring("key/".length()), user.get()));
            }
            if (id.startsWith("service-credential/") && user.isPresent()) {
                return Optional.of(List.of(new DeactivateServiceSpecificCredential(clients.iam(), user.get(),
                        id.substring("service-credential/".length()))));
            }
            if (id.startsWith("session/")) {
                return Optional.of(session(record, incident));
            }
            return Optional.empty();
        }
        if ("iam".equals(record.resourceType()) && id.startsWith("login:user/") && user.isPresent()) {
            return Optional.of(console(user.get(), incident));
        }
        if ("iam".equals(record.resourceType()) && id.startsWith("mfa:")) {
            return Optional.of(List.of());
        }
        return Optional.empty();
    }

    @Override
    public String rationale(Provenance record, Incident incident) {
        String base = PersistenceUndo.super.rationale(record, incident);
        String id = record.resourceId();
        Optional<String> user = record.detail("userName");
        if (id.startsWith("user/") || id.startsWith("login:user/") && user.filter(u -> incident.created("user/" + u))
                .isPresent()) {
            String name = id.substring(id.indexOf("user/") + "user/".length());
            return base + ". " + (incident.irreversibleActions() ? "Its console password is deleted."
                    : "Its console password was left (AllowIrreversibleActions is off): sign-in is denied by "
                    + "TourniquetDenyConsole; delete it with aws iam delete-login-profile --user-name " + name + ".");
        }
        if (id.startsWith("login:user/")) {
            return base + ". User " + user.orElse("?") + " is the owner's: its console is denied (TourniquetDenyConsole),"
                    + " its keys keep working. Set a new password, then ./tourniquet release the incident.";
        }
        if (id.startsWith("mfa:")) {
            return base + ". MFA device " + id.substring("mfa:".length()) + user.map(u -> " (user " + u + ")").orElse("")
                    + " recorded, not removed: " + user.filter(u -> incident.denied("user/" + u))
                    .map(u -> "its user is denied by this incident.").orElse("check whose it is (aws iam"
                    + " deactivate-mfa-device / delete-virtual-mfa-device).");
        }
        if (id.startsWith("session/") && record.detail("federatedUser").filter(u -> incident.denied("user/" + u))
                .isPresent()) {
            return base + ". A federated session has at most its user's permissions: the deny on user "
                    + record.detail("federatedUser").get() + " denies it too.";
        }
        return base;
    }

    private List<Step> createdUser(String user, Incident incident) {
        List<Step> steps = new ArrayList<>();
        steps.add(new DeactivateUserAccessKeys(clients.iam(), user));
        steps.add(new AttachUserQuarantinePolicy(clients.iam(), user, Optional.of(incident.quarantinePolicyArn())));
        steps.addAll(console(user, incident));
        steps.add(IncidentIdentity.contained(clients, incident, TagWrites.user(user), "IAMUser",
                Optional.of(incident.iamArn(TagWrites.user(user)))));
        return steps;
    }

    // Reversible always; the password itself goes only on a user the incident created, and only when allowed.
    private List<Step> console(String user, Incident incident) {
        List<Step> steps = new ArrayList<>();
        steps.add(new DenyConsoleSignIn(clients.iam(), user));
        if (incident.irreversibleActions() && incident.created(TagWrites.user(user))) {
            steps.add(new DeleteLoginProfile(clients.iam(), user));
        }
        return steps;
    }

    // Only that key: the user and its other keys are the owner's unless the incident created the user.
    private List<Step> mintedKey(Incident incident, String key, String user) {
        Optional<String> principal = incident.created(TagWrites.user(user))
                ? Optional.of(incident.iamArn(TagWrites.user(user))) : Optional.empty();
        return List.of(new DeactivateAccessKey(clients.iam(), user, key),
                IncidentIdentity.contained(clients, incident, key, "IAMUser", principal));
    }

    // That one session; a federated session of a denied user is denied with its user (nothing more to do).
    private List<Step> session(Provenance record, Incident incident) {
        Optional<String> sessionName = record.detail("sessionName")
                .filter(name -> name.matches("[\\w+=,.@-]{2,64}"));
        Optional<String> role = record.detail("roleArn").flatMap(Principal::roleOfArn);
        if (role.isPresent() && sessionName.isPresent()) {
            return List.of(RevokeRoleSessions.ofSession(clients.iam(), role.get(), sessionName.get()));
        }
        Optional<String> federated = record.detail("federatedUser");
        if (federated.isPresent() && sessionName.isPresent() && !incident.denied(TagWrites.user(federated.get()))) {
            return List.of(new RevokeFederatedSession(clients.iam(), federated.get(), sessionName.get()));
        }
        return List.of();
    }
}
