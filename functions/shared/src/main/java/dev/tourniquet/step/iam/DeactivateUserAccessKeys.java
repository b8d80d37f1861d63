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
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Deactivates every access key of a user the incident created (never of the owner's users: for those only the one
 * key the credential minted is deactivated, {@link DeactivateAccessKey}). The keys are kept, inactive.
 *
 * <p>IAM actions: {@code iam:ListAccessKeys}, {@code iam:UpdateAccessKey}. Undo: each key back to its recorded
 * status, {@code aws iam update-access-key --user-name USER --access-key-id KEY --status Active}.
 */
public final class DeactivateUserAccessKeys implements Step {
    private final IamClient iam;
    private final String userName;

    public DeactivateUserAccessKeys(IamClient iam, String userName) {
        this.iam = iam;
        this.userName = userName;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DEACTIVATE_USER_ACCESS_KEYS;
    }

    @Override
    public String target() {
        return "user/" + userName;
    }

    @Override
    public String undo() {
        return "for each key of " + userName + " that was active: aws iam update-access-key --user-name " + userName
                + " --access-key-id KEY --status Active";
    }

    @Override
    public StepResult run(StepContext context) {
        List<AccessKeyMetadata> keys = keys();
        ObjectNode prior = Json.object().put("userName", userName);
        ObjectNode statuses = prior.putObject("keyStatuses");
        keys.forEach(k -> statuses.put(k.accessKeyId(), k.statusAsString()));
        List<String> active = active(keys);
        if (active.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no active access key on user " + userName);
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would deactivate " + active + " of user " + userName);
        }
        context.changing(prior);
        active.forEach(key -> iam.updateAccessKey(r -> r.userName(userName).accessKeyId(key)
                .status(StatusType.INACTIVE)));
        Verification.until("every key of " + userName + " inactive", () -> active(keys()).isEmpty());
        return new StepResult.Applied(prior, "deactivated " + active + " of user " + userName);
    }

    private List<AccessKeyMetadata> keys() {
        return iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
    }

    private static List<String> active(List<AccessKeyMetadata> keys) {
        return keys.stream().filter(k -> k.status() == StatusType.ACTIVE).map(AccessKeyMetadata::accessKeyId).toList();
    }
}
