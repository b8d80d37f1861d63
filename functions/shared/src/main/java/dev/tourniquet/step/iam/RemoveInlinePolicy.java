package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Removes the inline policy an incident put on an existing user or role ({@code PutUserPolicy}, {@code PutRolePolicy}),
 * keeping its document in the incident record (a release puts it back). Only while the policy still holds what the
 * incident put: a document someone changed since is theirs, and stays.
 *
 * <p>IAM actions: {@code iam:GetUserPolicy}, {@code iam:GetRolePolicy}, {@code iam:DeleteUserPolicy},
 * {@code iam:DeleteRolePolicy}. Undo: {@code aws iam put-user-policy} (or {@code put-role-policy}) with the name and
 * the document the incident record keeps.
 */
public final class RemoveInlinePolicy implements Step {
    private final IamClient iam;
    private final IamPrincipalName principal;
    private final String policyName;
    private final Optional<String> incidentDocument;

    /** @param incidentDocument the document the incident put, when recorded: the policy is removed only while it holds it */
    public RemoveInlinePolicy(IamClient iam, IamPrincipalName principal, String policyName,
                              Optional<String> incidentDocument) {
        this.iam = iam;
        this.principal = principal;
        this.policyName = policyName;
        this.incidentDocument = incidentDocument;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.REMOVE_INLINE_POLICY;
    }

    @Override
    public String target() {
        return principal + "#" + policyName;
    }

    @Override
    public String undo() {
        return "aws iam put-" + principal.type() + "-policy --" + principal.type() + "-name " + principal.name()
                + " --policy-name " + policyName + " --policy-document (prior.document in the incident record)";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("principalType", principal.type()).put("name", principal.name())
                .put("policyName", policyName);
        Optional<String> document = document();
        if (document.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no inline policy " + policyName + " on " + principal);
        }
        prior.put("document", PolicyDocuments.parse(document.get()).map(Object::toString).orElse(document.get()));
        if (incidentDocument.filter(d -> !PolicyDocuments.same(document.get(), d)).isPresent()) {
            return new StepResult.Skipped("inline policy " + policyName + " of " + principal
                    + " was changed since the incident put it: left as it is");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would remove inline policy " + policyName + " from " + principal);
        }
        context.changing(prior);
        if (principal.role()) {
            iam.deleteRolePolicy(r -> r.roleName(principal.name()).policyName(policyName));
        } else {
            iam.deleteUserPolicy(r -> r.userName(principal.name()).policyName(policyName));
        }
        Verification.until("inline policy " + policyName + " removed from " + principal, () -> document().isEmpty());
        return new StepResult.Applied(prior, "removed inline policy " + policyName + " from " + principal
                + " (its document is kept in the incident record)");
    }

    private Optional<String> document() {
        try {
            return Optional.of(principal.role()
                    ? iam.getRolePolicy(r -> r.roleName(principal.name()).policyName(policyName)).policyDocument()
                    : iam.getUserPolicy(r -> r.userName(principal.name()).policyName(policyName)).policyDocument());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }
}
