package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Revokes the sessions of a role issued before the incident started, as the IAM console's "Revoke
 * active sessions" does: an inline Deny on {@code aws:TokenIssueTime}. Scoped to one session name
 * ({@link #ofSession}) it denies only that session's credentials ({@code aws:userid} is
 * {@code ROLE_ID:SESSION}): an instance's own credentials, whose session is named for the instance, while the
 * owner's other instances sharing the role keep working. Temporary ({@code ASIA…}) keys
 * cannot be deactivated; this is how they stop working. New sessions (the role's legitimate users after
 * the fix) still work. A policy already revoking sessions up to a later time is left as it is.
 *
 * <p>IAM actions: {@code iam:GetRolePolicy}, {@code iam:PutRolePolicy}. Undo (rarely wise: the old
 * sessions may be the attacker's):
 * {@code aws iam delete-role-policy --role-name ROLE --policy-name TourniquetRevokeOlderSessions}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html">Revoking
 *     role sessions</a>
 */
public final class RevokeRoleSessions implements Step {
    private final IamClient iam;
    private final String roleName;
    private final Optional<String> session;
    private final String policyName;
    private final Optional<Instant> cutoff;

    /** Every session of the role issued before the incident. */
    public RevokeRoleSessions(IamClient iam, String roleName) {
        this(iam, roleName, Optional.empty(), Optional.empty());
    }

    private RevokeRoleSessions(IamClient iam, String roleName, Optional<String> session, Optional<Instant> cutoff) {
        session.filter(name -> !name.matches(QuarantinePolicies.SESSION_NAME)).ifPresent(name -> {
            throw new IllegalArgumentException("not a role session name: " + name);
        });
        this.iam = iam;
        this.roleName = roleName;
        this.session = session;
        this.policyName = QuarantinePolicies.sessionPolicyName(session);
        this.cutoff = cutoff;
    }

    /** Only the sessions named {@code session} (an instance id for an instance's credentials). */
    public static RevokeRoleSessions ofSession(IamClient iam, String roleName, String session) {
        return new RevokeRoleSessions(iam, roleName, Optional.of(session), Optional.empty());
    }

    /**
     * The revocation an incident made, made again after someone deleted it: the same session (or every one) and the
     * same cut-off, so that sessions issued since (the role's legitimate users after the fix) keep working; without a
     * recorded cut-off (an incident recorded before cut-offs were), the re-application's own start.
     */
    public static RevokeRoleSessions again(IamClient iam, String roleName, Optional<String> session,
                                           Optional<Instant> cutoff) {
        return new RevokeRoleSessions(iam, roleName, session, cutoff);
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.REVOKE_ROLE_SESSIONS;
    }

    @Override
    public String target() {
        return "role/" + roleName;
    }


    @Override
    public String undo() {
        return "aws iam delete-role-policy --role-name " + roleName + " --policy-name " + policyName;
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<String> existing = currentDocument();
        Optional<Instant> revokedBefore = existing.flatMap(RevokeRoleSessions::revokedBefore);
        ObjectNode prior = Json.object().put("roleName", roleName).put("policyName", policyName);
        session.ifPresent(name -> prior.put("session", name));
        existing.ifPresent(document -> prior.put("replacedDocument", document));
        Instant cutoff = this.cutoff.orElse(context.startedAt());
        prior.put("cutoff", cutoff.toString());
        if (revokedBefore.filter(t -> !t.isBefore(cutoff)).isPresent()) {
            return new StepResult.AlreadyApplied(prior, "sessions of role " + roleName + " issued before "
                    + revokedBefore.get() + " already revoked");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would revoke sessions of role " + roleName + " issued before "
                    + cutoff);
        }
        context.changing(prior);
        String document = QuarantinePolicies.denySessionsIssuedBefore(cutoff, session);
        iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(document));
        Verification.until("session revocation on role " + roleName, () -> revokedSince(cutoff, document));
        return new StepResult.Applied(prior, "revoked " + session.map(name -> "session " + name + " of ")
                .orElse("sessions of ") + "role " + roleName + " issued before " + cutoff);
    }

    /**
     * Whether the role's revocation now reaches {@code cutoff}. Another incident may revoke the same role at the same
     * moment (a function's finding and its creator's sweep both name the function's role), and IAM keeps the last
     * write: the later cut-off must stand, so ours is written again when an earlier one replaced it, and a later one
     * written by the other is kept.
     */
    private boolean revokedSince(Instant cutoff, String document) {
        if (currentDocument().flatMap(RevokeRoleSessions::revokedBefore).filter(t -> !t.isBefore(cutoff)).isPresent()) {
            return true;
        }
        iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(document));
        return false;
    }

    private Optional<String> currentDocument() {
        try {
            return Optional.of(iam.getRolePolicy(r -> r.roleName(roleName).policyName(policyName)).policyDocument());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> revokedBefore(String document) {
        return PolicyDocuments.parse(document).flatMap(policy -> {
            for (JsonNode statement : policy.path("Statement")) {
                JsonNode time = statement.path("Condition").path("DateLessThan").path("aws:TokenIssueTime");
                if ("Deny".equals(statement.path("Effect").asText()) && time.isTextual()) {
                    return dev.tourniquet.signal.Envelope.instant(time.asText());
                }
            }
            return Optional.empty();
        });
    }
}
