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
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Denies the user everything while the incident is open, so nothing its credentials sign (other keys, session
 * tokens, console) is allowed: attaches the stack's own deny-all managed policy, known by its exact ARN (the
 * function's role may attach no other: an {@code iam:PolicyARN} condition). Only when the user's managed-policy
 * quota is full (IAM {@code LimitExceeded}) does it put the fixed inline deny-all
 * {@value QuarantinePolicies#USER_POLICY_NAME} instead. Which of the two it used is recorded ({@code via}), so
 * that a release removes exactly that one. Nothing found by name is trusted: the managed policy counts only as the
 * exact ARN, an inline policy of that name only with exactly the deny-all content.
 *
 * <p>IAM actions: {@code iam:ListUserPolicies}, {@code iam:ListAttachedUserPolicies}, {@code iam:GetUserPolicy},
 * {@code iam:AttachUserPolicy} (that one ARN), {@code iam:PutUserPolicy} (the fallback). Undo:
 * {@code aws iam detach-user-policy --user-name USER --policy-arn ARN} (or {@code delete-user-policy} of the
 * fallback).
 */
public final class AttachUserQuarantinePolicy implements Step {
    /** The recorded {@code via} of a quarantine by the stack's managed policy. */
    public static final String MANAGED = "managed";
    /** The recorded {@code via} of a quarantine by the fixed inline policy (the managed-policy quota was full). */
    public static final String INLINE = "inline";

    private final IamClient iam;
    private final String userName;
    private final Optional<String> policyArn;

    /** @param policyArn the stack's deny-all managed policy; empty: the inline deny-all only */
    public AttachUserQuarantinePolicy(IamClient iam, String userName, Optional<String> policyArn) {
        this.iam = iam;
        this.userName = userName;
        this.policyArn = policyArn.filter(arn -> !arn.isBlank());
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
        return policyArn.map(arn -> "aws iam detach-user-policy --user-name " + userName + " --policy-arn " + arn
                + " (or, if the fallback was used: ")
                .orElse("") + "aws iam delete-user-policy --user-name " + userName + " --policy-name "
                + QuarantinePolicies.USER_POLICY_NAME + policyArn.map(arn -> ")").orElse("");
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> inline = iam.listUserPolicies(r -> r.userName(userName)).policyNames();
        List<String> attached = attached();
        Optional<String> existing = inline.contains(QuarantinePolicies.USER_POLICY_NAME) ? currentDocument()
                : Optional.empty();
        ObjectNode prior = Json.object().put("userName", userName);
        inline.forEach(prior.putArray("inlinePolicies")::add);
        attached.forEach(arn -> prior.withArray("attachedPolicies").add(arn));
        prior.put("quarantinePolicyPresent", existing.isPresent());
        existing.ifPresent(document -> prior.put("replacedDocument", document));
        policyArn.ifPresent(arn -> prior.put("policyArn", arn));
        if (policyArn.filter(attached::contains).isPresent()) {
            return new StepResult.AlreadyApplied(prior.put("via", MANAGED), "quarantine policy already attached to"
                    + " user " + userName);
        }
        if (existing.filter(d -> PolicyDocuments.same(d, QuarantinePolicies.DENY_ALL)).isPresent()) {
            return new StepResult.AlreadyApplied(prior.put("via", INLINE), "inline quarantine policy already on user "
                    + userName);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would attach the deny-all quarantine policy to user " + userName);
        }
        context.changing(prior);
        return policyArn.flatMap(arn -> attachManaged(arn, prior)).orElseGet(() -> putInline(prior));
    }

    // Empty when the user's managed-policy quota is full: the caller falls back to the inline policy.
    private Optional<StepResult> attachManaged(String arn, ObjectNode prior) {
        try {
            iam.attachUserPolicy(r -> r.userName(userName).policyArn(arn));
        } catch (LimitExceededException quotaFull) {
            prior.put("managedQuotaFull", true);
            return Optional.empty();
        }
        Verification.until("policy " + arn + " attached to " + userName, () -> attached().contains(arn));
        return Optional.of(new StepResult.Applied(prior.put("via", MANAGED), "attached deny-all policy " + arn
                + " to user " + userName));
    }

    private StepResult putInline(ObjectNode prior) {
        iam.putUserPolicy(r -> r.userName(userName).policyName(QuarantinePolicies.USER_POLICY_NAME)
                .policyDocument(QuarantinePolicies.DENY_ALL));
        Verification.until("policy " + QuarantinePolicies.USER_POLICY_NAME + " on " + userName,
                () -> currentDocument().filter(d -> PolicyDocuments.same(d, QuarantinePolicies.DENY_ALL)).isPresent());
        String why = prior.path("managedQuotaFull").asBoolean() ? " (its managed-policy quota is full)" : "";
        return new StepResult.Applied(prior.put("via", INLINE), "put inline deny-all policy "
                + QuarantinePolicies.USER_POLICY_NAME + " on user " + userName + why);
    }

    private List<String> attached() {
        return iam.listAttachedUserPolicies(r -> r.userName(userName)).attachedPolicies().stream()
                .map(AttachedPolicy::policyArn).toList();
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
