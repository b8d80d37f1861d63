package dev.tourniquet.playbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.CompromisedAccessKey;
import dev.tourniquet.signal.CompromisedRoleSession;
import dev.tourniquet.signal.CompromisedRoot;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.RegionEnabled;
import dev.tourniquet.signal.Envelope;
import dev.tourniquet.signal.IamPersistence;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Implicated;
import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.events.EmitChainEvent;
import dev.tourniquet.step.iam.AttachUserQuarantinePolicy;
import dev.tourniquet.step.iam.DeactivateAccessKey;
import dev.tourniquet.step.iam.IamStepKinds;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What to do with a compromised credential:
 * <ul>
 *   <li>an IAM user's key: deactivate exactly that key, put the deny-all quarantine policy on the user,
 *       then announce the credential contained (so what it created is swept);</li>
 *   <li>a role session's temporary key: revoke that session (every session of the role issued before now only
 *       when the signal names no session), then announce;</li>
 *   <li>root: alert only, loudly;</li>
 *   <li>what a contained credential made in IAM inside its window (a user, a key, a console password, a session …):
 *       undone, one record at a time ({@link PersistencePlaybook});</li>
 *   <li>a region enabled: alerted with how to give it a forwarder, disabled again when its caller is part of an
 *       incident ({@link RegionPlaybook});</li>
 *   <li>a key, quarantine or session revocation an open incident holds, undone by anyone but a release: contained
 *       again, and its author contained ({@link ReapplyPlaybook});</li>
 *   <li>sample findings, exempt principals (by ARN, or by an exempt tag that predates the incident and none of
 *       its principals wrote) and Tourniquet's own roles (exact ARN): record only.</li>
 * </ul>
 */
public final class CredentialPlaybook implements Playbook {
    private final AwsClients clients;
    private final Configuration configuration;
    private final Exemptions exemptions;
    private final ReapplyPlaybook reapply;
    private final PersistencePlaybook persistence;
    private final RegionPlaybook regions;

    /** Without provenance history: what an undo restores is then judged from IAM alone (plans, tests). */
    public CredentialPlaybook(AwsClients clients) {
        this(clients, resourceId -> Optional.empty());
    }

    /** @param history the provenance records the IAM undo steps read when they run */
    public CredentialPlaybook(AwsClients clients, ProvenanceHistory history) {
        this.clients = clients;
        this.configuration = clients.configuration();
        this.exemptions = new Exemptions(configuration);
        this.reapply = new ReapplyPlaybook(clients, this::again);
        this.persistence = new PersistencePlaybook(clients, history);
        this.regions = new RegionPlaybook(clients);
    }

    @Override
    public Plan plan(Signal signal) {
        if (signal.origin().sample()) {
            return Plan.recordOnly(signal, "GuardDuty sample finding: recorded, never enforced");
        }
        if (dev.tourniquet.signal.ModelFindings.victimOnly(signal.origin())) {
            return Plan.alertOnly(signal, dev.tourniquet.signal.ModelFindings.victimAlert(reasonOf(signal),
                    Optional.of(signal.subject())));
        }
        return switch (signal) {
            case CompromisedRoot root -> Plan.alertOnly(root, "ROOT CREDENTIALS IN USE. Tourniquet never locks out"
                    + " root: sign in as root now, rotate the password, remove any root access keys and check MFA.");
            case CompromisedAccessKey key -> decide(key, key.principal(), key.accessKeyId(), key.reason(),
                    () -> accessKeySteps(key));
            case CompromisedRoleSession session -> decide(session, session.principal(), session.accessKeyId(),
                    session.reason(), () -> sessionSteps(session));
            case ContainmentUndone undone -> reapply.plan(undone);
            case IamPersistence made -> persistence.plan(made);
            case RegionEnabled enabled -> regions.plan(enabled);
            default -> Plan.recordOnly(signal, "not a credential: the credential function does not act on it");
        };
    }

    @Override
    public boolean takes(Signal signal) {
        return switch (signal) {
            case CompromisedRoot root -> true;
            case CompromisedAccessKey key -> true;
            case CompromisedRoleSession session -> true;
            case ContainmentUndone undone -> true;
            case IamPersistence made -> true;
            case RegionEnabled enabled -> true;
            default -> false;
        };
    }

    // Own roles and exempt principals are recorded only; the exempt tag counts only as ExemptTag judges it.
    private Plan decide(Signal signal, Principal principal, String accessKeyId, String reason,
                        Supplier<List<Step>> steps) {
        Optional<String> arn = principal.arn();
        if (arn.isPresent() && exemptions.isOwnRole(arn.get())) {
            return Plan.recordOnly(signal, "exempt: " + arn.get() + " is one of Tourniquet's own roles");
        }
        Optional<String> byArn = arn.flatMap(exemptions::forArn);
        if (byArn.isPresent()) {
            return Plan.recordOnly(signal, "exempt: " + byArn.get());
        }
        IncidentPrincipals incident = IncidentPrincipals.of(signal.origin().time(), arn.stream(),
                Stream.of(accessKeyId));
        String who = arn.or(principal::name).orElse(accessKeyId);
        return switch (exemptions.forTags(who, principal.tags(), principal.exemptTagWriter(), incident,
                Optional.empty())) {
            case ExemptTag.Verdict.Exempt exempt -> Plan.recordOnly(signal, "exempt: " + exempt.reason());
            case ExemptTag.Verdict.Ignored ignored -> Plan.act(signal, reason + ". " + ignored.reason(), steps.get());
            case ExemptTag.Verdict.Absent absent -> Plan.act(signal, reason, steps.get());
        };
    }

    private List<Step> accessKeySteps(CompromisedAccessKey key) {
        String user = key.principal().name().orElse("(owner of " + key.accessKeyId() + ")");
        List<Step> steps = new ArrayList<>();
        // Session keys (ASIA) an IAM user obtained cannot be deactivated; the user's deny-all policy covers them.
        if (!key.accessKeyId().startsWith("ASIA")) {
            steps.add(new DeactivateAccessKey(clients.iam(), user, key.accessKeyId()));
        }
        steps.add(new AttachUserQuarantinePolicy(clients.iam(), user, Optional.of(configuration.quarantinePolicyArn())));
        steps.add(contained(key, key.implicated(), key.accessKeyId(), key.principal(), "IAMUser"));
        return steps;
    }

    private List<Step> sessionSteps(CompromisedRoleSession session) {
        String role = session.principal().name().orElseThrow();
        // One session when the signal names it: the role's other sessions (its owner's, other instances') go on.
        RevokeRoleSessions revoke = session.session()
                .map(name -> RevokeRoleSessions.ofSession(clients.iam(), role, name))
                .orElseGet(() -> new RevokeRoleSessions(clients.iam(), role));
        return List.of(revoke,
                contained(session, session.implicated(), session.accessKeyId(), session.principal(), "AssumedRole"));
    }

    // The step that contains a user's key, its user or a role's session again, from what the incident recorded.
    private Optional<Step> again(ContainmentUndone.HeldStep held) {
        JsonNode prior = held.prior();
        if (IamStepKinds.DEACTIVATE_ACCESS_KEY.id().equals(held.step())) {
            return Optional.of(new DeactivateAccessKey(clients.iam(), prior.path("userName").asText(), held.target()));
        }
        if (IamStepKinds.ATTACH_QUARANTINE_POLICY.id().equals(held.step())) {
            return Optional.of(new AttachUserQuarantinePolicy(clients.iam(), prior.path("userName").asText(),
                    Optional.of(configuration.quarantinePolicyArn())));
        }
        if (IamStepKinds.REVOKE_ROLE_SESSIONS.id().equals(held.step())) {
            return Optional.of(RevokeRoleSessions.again(clients.iam(), prior.path("roleName").asText(),
                    Optional.of(prior.path("session").asText("")).filter(s -> !s.isEmpty()),
                    Envelope.instant(prior.path("cutoff").asText(""))));
        }
        return Optional.empty();
    }

    // The window opens a look-back before the earliest signal about the key (a finding's first sighting, Health's
    // start time), not before its delivery: what the key did earlier is listed, never touched.
    private Step contained(Signal signal, Implicated implicated, String accessKeyId, Principal principal,
                           String principalType) {
        ObjectNode detail = Json.object().put("accessKeyId", accessKeyId).put("principalType", principalType)
                .put("windowStart", windowStart(signal.origin(), configuration.exposureLookBack()).toString())
                .put("implication", implicated.implication().id());
        principal.arn().ifPresent(arn -> detail.put("principalArn", arn));
        implicated.flaggedResource().ifPresent(flagged -> detail.put("flaggedResource", flagged));
        return new EmitChainEvent(clients::eventBridge, configuration.busName(), ChainEvents.CREDENTIAL_CONTAINED,
                accessKeyId, detail);
    }

    /** When the exposure window of a credential signalled by {@code origin} opens: a look-back before its first sighting. */
    static java.time.Instant windowStart(dev.tourniquet.signal.Origin origin, java.time.Duration lookBack) {
        return origin.firstSeen().minus(lookBack);
    }

    // The finding's reason for an alert-only plan (the AI Protection finding of an owner's application).
    private static String reasonOf(Signal signal) {
        return switch (signal) {
            case CompromisedAccessKey key -> key.reason();
            case CompromisedRoleSession session -> session.reason();
            default -> signal.subject();
        };
    }
}
