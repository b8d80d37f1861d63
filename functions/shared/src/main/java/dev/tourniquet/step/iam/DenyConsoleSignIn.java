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
 * Denies a user's console sign-in, reversibly: the fixed inline policy
 * {@value QuarantinePolicies#CONSOLE_POLICY_NAME} denies every request the user signs with temporary credentials
 * ({@code aws:TokenIssueTime} present). An IAM user's console session is such a session, and so are its
 * {@code GetSessionToken} and {@code GetFederationToken} sessions; requests signed with the user's access keys carry
 * no {@code aws:TokenIssueTime} and keep working. The password itself is kept (deleting it cannot be undone): with
 * this policy it opens a console in which every action is denied.
 *
 * <p>IAM actions: {@code iam:GetUserPolicy}, {@code iam:PutUserPolicy}. Undo:
 * {@code aws iam delete-user-policy --user-name USER --policy-name TourniquetDenyConsole}.
 *
 * @see <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-tokenissuetime">aws:TokenIssueTime</a>
 */
public final class DenyConsoleSignIn implements Step {
    private final UserInlinePolicy policy;

    public DenyConsoleSignIn(IamClient iam, String userName) {
        this.policy = new UserInlinePolicy(iam, userName, QuarantinePolicies.CONSOLE_POLICY_NAME);
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DENY_CONSOLE_SIGN_IN;
    }

    @Override
    public String target() {
        return "user/" + policy.userName();
    }

    @Override
    public String undo() {
        return "aws iam delete-user-policy --user-name " + policy.userName() + " --policy-name "
                + QuarantinePolicies.CONSOLE_POLICY_NAME;
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<String> existing = policy.document();
        ObjectNode prior = Json.object().put("userName", policy.userName())
                .put("policyName", QuarantinePolicies.CONSOLE_POLICY_NAME);
        existing.ifPresent(document -> prior.put("replacedDocument", document));
        if (existing.filter(d -> PolicyDocuments.same(d, QuarantinePolicies.DENY_TEMPORARY_CREDENTIALS)).isPresent()) {
            return new StepResult.AlreadyApplied(prior, "console sign-in of user " + policy.userName()
                    + " already denied");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would deny console sign-in of user " + policy.userName());
        }
        context.changing(prior);
        policy.put(QuarantinePolicies.DENY_TEMPORARY_CREDENTIALS);
        return new StepResult.Applied(prior, "denied console sign-in (every temporary credential) of user "
                + policy.userName() + "; its access keys are untouched");
    }
}
