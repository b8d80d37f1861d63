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
                DEACTIVATE_USER_ACCESS_KEYS, DENY_CONSOLE_SIGN_IN, REVOKE_FEDERATED_SESSION, DELETE_LOGIN_PROFILE,
                DEACTIVATE_SERVICE_CREDENTIAL);
    }
}
