package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;

/**
 * Denies a role the incident created everything: attaches the stack's deny-all managed policy, known by its exact
 * ARN (the function's role may attach no other to a role: an {@code iam:PolicyARN} condition), as
 * {@link AttachUserQuarantinePolicy} does for users. Its sessions are revoked beside it ({@link RevokeRoleSessions}):
 * the deny covers every session, but a revocation stays even when a release lifts the deny for a look.
 *
 * <p>IAM actions: {@code iam:ListAttachedRolePolicies}, {@code iam:AttachRolePolicy} (that one ARN). Undo:
 * {@code aws iam detach-role-policy --role-name ROLE --policy-arn ARN}.
 */
public final class AttachRoleQuarantinePolicy implements Step {
    private final IamClient iam;
    private final String roleName;
    private final String policyArn;

    /** @param policyArn the stack's deny-all managed policy */
    public AttachRoleQuarantinePolicy(IamClient iam, String roleName, String policyArn) {
        this.iam = iam;
        this.roleName = roleName;
        this.policyArn = policyArn;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.ATTACH_ROLE_QUARANTINE_POLICY;
    }

    @Override
    public String target() {
        return "role/" + roleName;
    }

    @Override
    public String undo() {
        return "aws iam detach-role-policy --role-name " + roleName + " --policy-arn " + policyArn;
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> attached = attached();
        ObjectNode prior = Json.object().put("roleName", roleName).put("policyArn", policyArn);
        attached.forEach(prior.putArray("attachedPolicies")::add);
        if (attached.contains(policyArn)) {
            return new StepResult.AlreadyApplied(prior, "quarantine policy already attached to role " + roleName);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would attach the deny-all quarantine policy to role " + roleName);
        }
        context.changing(prior);
        iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
        Verification.until("policy " + policyArn + " attached to role " + roleName, () -> attached().contains(policyArn));
        return new StepResult.Applied(prior, "attached deny-all policy " + policyArn + " to role " + roleName);
    }

    private List<String> attached() {
        return iam.listAttachedRolePoliciesPaginator(r -> r.roleName(roleName)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
    }
}
