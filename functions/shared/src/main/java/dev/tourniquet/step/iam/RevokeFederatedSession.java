package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Revokes one federated-user session ({@code GetFederationToken}) of a user that is not itself denied: a federated
 * session's permissions are the intersection of its user's policies and its session policy, so a Deny on the user
 * applies to it. The fixed inline policy {@code TourniquetRevokeSession-NAME} denies the requests of sessions named
 * NAME ({@code aws:userid} of a federated user is {@code ACCOUNT:NAME}) issued before now; the user, its keys and its
 * other sessions keep working.
 *
 * <p>IAM actions: {@code iam:GetUserPolicy}, {@code iam:PutUserPolicy}. Undo:
 * {@code aws iam delete-user-policy --user-name USER --policy-name TourniquetRevokeSession-NAME}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_getfederationtoken.html">Permissions
 *     for GetFederationToken</a>
 */
public final class RevokeFederatedSession implements Step {
    private final UserInlinePolicy policy;
    private final String session;

    public RevokeFederatedSession(IamClient iam, String userName, String session) {
        if (!session.matches(QuarantinePolicies.SESSION_NAME)) {
            throw new IllegalArgumentException("not a federated session name: " + session);
        }
        this.policy = new UserInlinePolicy(iam, userName, QuarantinePolicies.sessionPolicyName(Optional.of(session)));
        this.session = session;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.REVOKE_FEDERATED_SESSION;
    }

    @Override
    public String target() {
        return "user/" + policy.userName() + "#" + session;
    }

    @Override
    public String undo() {
        return "aws iam delete-user-policy --user-name " + policy.userName() + " --policy-name " + policy.policyName();
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<String> existing = policy.document();
        ObjectNode prior = Json.object().put("userName", policy.userName()).put("policyName", policy.policyName())
                .put("session", session).put("cutoff", context.startedAt().toString());
        existing.ifPresent(document -> prior.put("replacedDocument", document));
        String document = QuarantinePolicies.denySessionsIssuedBefore(context.startedAt(), Optional.of(session));
        if (existing.isPresent()) {
            return new StepResult.AlreadyApplied(prior, "federated session " + session + " of user "
                    + policy.userName() + " already revoked");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would revoke federated session " + session + " of user "
                    + policy.userName());
        }
        context.changing(prior);
        policy.put(document);
        return new StepResult.Applied(prior, "revoked federated session " + session + " of user " + policy.userName()
                + " issued before " + context.startedAt());
    }
}
