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
 * Detaches the one managed policy an incident attached to an existing user or role ({@code AttachUserPolicy},
 * {@code AttachRolePolicy}); the principal's other policies are left as they are, the policy itself is not touched.
 *
 * <p>IAM actions: {@code iam:ListAttachedUserPolicies}, {@code iam:ListAttachedRolePolicies},
 * {@code iam:DetachUserPolicy}, {@code iam:DetachRolePolicy}. Undo: {@code aws iam attach-user-policy} (or
 * {@code attach-role-policy}) with the same name and policy ARN.
 */
public final class DetachAttachedPolicy implements Step {
    private final IamClient iam;
    private final IamPrincipalName principal;
    private final String policyArn;

    public DetachAttachedPolicy(IamClient iam, IamPrincipalName principal, String policyArn) {
        this.iam = iam;
        this.principal = principal;
        this.policyArn = policyArn;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DETACH_ATTACHED_POLICY;
    }

    @Override
    public String target() {
        return principal + "#" + policyArn;
    }

    @Override
    public String undo() {
        return "aws iam attach-" + principal.type() + "-policy --" + principal.type() + "-name " + principal.name()
                + " --policy-arn " + policyArn;
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("principalType", principal.type()).put("name", principal.name())
                .put("policyArn", policyArn);
        if (!attached().contains(policyArn)) {
            return new StepResult.AlreadyApplied(prior.put("attached", false), "policy " + policyArn
                    + " is not attached to " + principal);
        }
        prior.put("attached", true);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would detach " + policyArn + " from " + principal);
        }
        context.changing(prior);
        if (principal.role()) {
            iam.detachRolePolicy(r -> r.roleName(principal.name()).policyArn(policyArn));
        } else {
            iam.detachUserPolicy(r -> r.userName(principal.name()).policyArn(policyArn));
        }
        Verification.until("policy " + policyArn + " detached from " + principal, () -> !attached().contains(policyArn));
        return new StepResult.Applied(prior, "detached " + policyArn + " from " + principal);
    }

    private List<String> attached() {
        List<AttachedPolicy> policies = principal.role()
                ? iam.listAttachedRolePoliciesPaginator(r -> r.roleName(principal.name())).attachedPolicies().stream()
                        .toList()
                : iam.listAttachedUserPoliciesPaginator(r -> r.userName(principal.name())).attachedPolicies().stream()
                        .toList();
        return policies.stream().map(AttachedPolicy::policyArn).toList();
    }
}
