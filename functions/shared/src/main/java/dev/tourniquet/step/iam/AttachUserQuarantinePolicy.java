package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Puts the deny-all inline policy {@value QuarantinePolicies#USER_POLICY_NAME} on the user, so nothing the
 * user's credentials sign (other keys, session tokens, console) is allowed while the incident is open.
 * An existing policy of that name with any other content (one an attacker could have planted) is
 * replaced and its content kept as prior state.
 *
 * <p>IAM actions: {@code iam:ListUserPolicies}, {@code iam:ListAttachedUserPolicies},
 * {@code iam:GetUserPolicy}, {@code iam:PutUserPolicy}. Undo:
 * {@code aws iam delete-user-policy --user-name USER --policy-name TourniquetQuarantine}.
 */
public final class AttachUserQuarantinePolicy implements Step {
    private final IamClient iam;
    private final String userName;

    public AttachUserQuarantinePolicy(IamClient iam, String userName) {
        this.iam = iam;
        this.userName = userName;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.ATTACH_QUARANTINE_POLICY;
    }

    @Override
    public String target() {
        return "user/" + userName;
    }


    @Override
    public String undo() {
        return "aws iam delete-user-policy --user-name " + userName + " --policy-name "
                + QuarantinePolicies.USER_POLICY_NAME;
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> inline = iam.listUserPolicies(r -> r.userName(userName)).policyNames();
        List<AttachedPolicy> attached = iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies();
        Optional<String> existing = inline.contains(QuarantinePolicies.USER_POLICY_NAME) ? currentDocument()
                : Optional.empty();
        ObjectNode prior = Json.object().put("userName", userName);
        inline.forEach(prior.putArray("inlinePolicies")::add);
        attached.forEach(p -> prior.withArray("attachedPolicies").add(p.policyArn()));
        prior.put("quarantinePolicyPresent", existing.isPresent());
        existing.ifPresent(document -> prior.put("replacedDocument", document));
        if (existing.filter(d -> PolicyDocuments.same(d, QuarantinePolicies.DENY_ALL)).isPresent()) {
            return new StepResult.AlreadyApplied(prior, "quarantine policy already on user " + userName);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would put deny-all policy " + QuarantinePolicies.USER_POLICY_NAME
                    + " on user " + userName);
        }
        context.changing(prior);
        iam.putUserPolicy(r -> r.userName(userName).policyName(QuarantinePolicies.USER_POLICY_NAME)
                .policyDocument(QuarantinePolicies.DENY_ALL));
        Verification.until("policy " + QuarantinePolicies.USER_POLICY_NAME + " on " + userName,
                () -> currentDocument().filter(d -> PolicyDocuments.same(d, QuarantinePolicies.DENY_ALL)).isPresent());
        return new StepResult.Applied(prior, "put deny-all policy " + QuarantinePolicies.USER_POLICY_NAME
                + " on user " + userName);
    }

    private Optional<String> currentDocument() {
        try {
            return Optional.of(iam.getUserPolicy(r -> r.userName(userName)
                    .policyName(QuarantinePolicies.USER_POLICY_NAME)).policyDocument());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }
}
