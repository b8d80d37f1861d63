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

    private IamStepKinds() {}

    public static List<StepKind> all() {
        return List.of(DEACTIVATE_ACCESS_KEY, ATTACH_QUARANTINE_POLICY, REVOKE_ROLE_SESSIONS);
    }
}
