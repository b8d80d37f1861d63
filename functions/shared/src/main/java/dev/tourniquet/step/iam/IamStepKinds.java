package dev.tourniquet.step.iam;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of IAM step: each one's id, IAM actions and reversal ({@link IamReversals}). */
public final class IamStepKinds {
    public static final StepKind DEACTIVATE_ACCESS_KEY = StepKind.reversible("deactivate-access-key",
            List.of("iam:ListAccessKeys", "iam:UpdateAccessKey"), IamReversals::reactivateAccessKey);
    public static final StepKind ATTACH_QUARANTINE_POLICY = StepKind.reversible("attach-quarantine-policy",
            List.of("iam:ListUserPolicies", "iam:ListAttachedUserPolicies", "iam:GetUserPolicy", "iam:AttachUserPolicy",
                    "iam:PutUserPolicy"),
            IamReversals::removeUserQuarantinePolicy);
    public static final StepKind REVOKE_ROLE_SESSIONS = StepKind.reversible("revoke-role-sessions",
            List.of("iam:GetRolePolicy", "iam:PutRolePolicy"), IamReversals::removeSessionRevocation);

    public static final StepKind ATTACH_ROLE_QUARANTINE_POLICY = StepKind.reversible("attach-role-quarantine-policy",
            List.of("iam:ListAttachedRolePolicies", "iam:AttachRolePolicy"), IamReversals::removeRoleQuarantinePolicy);
    public static final StepKind RESTORE_ROLE_TRUST = StepKind.reversible("restore-role-trust",
            List.of("iam:GetRole", "iam:UpdateAssumeRolePolicy", "dynamodb:Query"), IamReversals::putTrustBack);
    public static final StepKind DETACH_ATTACHED_POLICY = StepKind.reversible("detach-attached-policy",
            List.of("iam:ListAttachedUserPolicies", "iam:ListAttachedRolePolicies", "iam:DetachUserPolicy",
                    "iam:DetachRolePolicy"),
            IamReversals::attachPolicyBack);
    public static final StepKind REMOVE_INLINE_POLICY = StepKind.reversible("remove-inline-policy",
            List.of("iam:GetUserPolicy", "iam:GetRolePolicy", "iam:DeleteUserPolicy", "iam:DeleteRolePolicy"),
            IamReversals::putInlinePolicyBack);
    public static final StepKind REMOVE_USER_FROM_GROUP = StepKind.reversible("remove-user-from-group",
            List.of("iam:ListGroupsForUser", "iam:RemoveUserFromGroup"), IamReversals::addUserToGroupBack);
    public static final StepKind RESTORE_DEFAULT_POLICY_VERSION = StepKind.reversible("restore-default-policy-version",
            List.of("iam:ListPolicyVersions", "iam:SetDefaultPolicyVersion", "dynamodb:Query"),
            IamReversals::setDefaultVersionBack);
    public static final StepKind DEACTIVATE_USER_ACCESS_KEYS = StepKind.reversible("deactivate-user-access-keys",
            List.of("iam:ListAccessKeys", "iam:UpdateAccessKey"), IamReversals::reactivateUserAccessKeys);
    public static final StepKind DENY_CONSOLE_SIGN_IN = StepKind.reversible("deny-console-sign-in",
            List.of("iam:GetUserPolicy", "iam:PutUserPolicy"), IamReversals::removeUserInlinePolicy);
    public static final StepKind REVOKE_FEDERATED_SESSION = StepKind.reversible("revoke-federated-session",
            List.of("iam:GetUserPolicy", "iam:PutUserPolicy"), IamReversals::removeUserInlinePolicy);
    public static final StepKind DELETE_LOGIN_PROFILE = StepKind.irreversible("delete-login-profile",
            List.of("iam:GetLoginProfile", "iam:DeleteLoginProfile"),
            "a deleted console password cannot be put back (taken only where AllowIrreversibleActions is set)");
    public static final StepKind DEACTIVATE_SERVICE_CREDENTIAL = StepKind.reversible("deactivate-service-credential",
            List.of("iam:ListServiceSpecificCredentials", "iam:UpdateServiceSpecificCredential"),
            IamReversals::reactivateServiceCredential);

    private IamStepKinds() {}

    public static List<StepKind> all() {
        return List.of(DEACTIVATE_ACCESS_KEY, ATTACH_QUARANTINE_POLICY, REVOKE_ROLE_SESSIONS,
                ATTACH_ROLE_QUARANTINE_POLICY, RESTORE_ROLE_TRUST, DETACH_ATTACHED_POLICY, REMOVE_INLINE_POLICY,
                REMOVE_USER_FROM_GROUP, RESTORE_DEFAULT_POLICY_VERSION,
                DEACTIVATE_USER_ACCESS_KEYS, DENY_CONSOLE_SIGN_IN, REVOKE_FEDERATED_SESSION, DELETE_LOGIN_PROFILE,
                DEACTIVATE_SERVICE_CREDENTIAL);
    }
}
