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
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Deactivates exactly one access key of an IAM user; the user's other keys are never touched and the
 * key is never deleted.
 *
 * <p>IAM actions: {@code iam:ListAccessKeys}, {@code iam:UpdateAccessKey}. Undo:
 * {@code aws iam update-access-key --user-name USER --access-key-id KEY --status Active}.
 */
public final class DeactivateAccessKey implements Step {
    private final IamClient iam;
    private final String userName;
    private final String accessKeyId;

    public DeactivateAccessKey(IamClient iam, String userName, String accessKeyId) {
        this.iam = iam;
        this.userName = userName;
        this.accessKeyId = accessKeyId;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DEACTIVATE_ACCESS_KEY;
    }

    @Override
    public String target() {
        return accessKeyId;
    }


    @Override
    public String undo() {
        return "aws iam update-access-key --user-name " + userName + " --access-key-id " + accessKeyId
                + " --status Active";
    }

    @Override
    public StepResult run(StepContext context) {
        List<AccessKeyMetadata> keys = iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata();
        Optional<AccessKeyMetadata> key = find(keys);
        if (key.isEmpty()) {
            return new StepResult.Skipped("user " + userName + " has no access key " + accessKeyId
                    + " (deleted already?)");
        }
        ObjectNode prior = priorState(keys);
        if (key.get().status() == StatusType.INACTIVE) {
            return new StepResult.AlreadyApplied(prior, "key already inactive");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would deactivate " + accessKeyId + " of user " + userName);
        }
        context.changing(prior);
        iam.updateAccessKey(r -> r.userName(userName).accessKeyId(accessKeyId).status(StatusType.INACTIVE));
        Verification.until("access key " + accessKeyId + " inactive", () -> find(
                iam.listAccessKeys(r -> r.userName(userName)).accessKeyMetadata())
                .map(k -> k.status() == StatusType.INACTIVE).orElse(true));
        return new StepResult.Applied(prior, "deactivated " + accessKeyId + " of user " + userName);
    }

    private Optional<AccessKeyMetadata> find(List<AccessKeyMetadata> keys) {
        return keys.stream().filter(k -> accessKeyId.equals(k.accessKeyId())).findFirst();
    }

    // Every key's status is kept, not only the target's: the evidence shows the other keys were left alone.
    private ObjectNode priorState(List<AccessKeyMetadata> keys) {
        ObjectNode prior = Json.object().put("userName", userName).put("accessKeyId", accessKeyId);
        ObjectNode statuses = prior.putObject("keyStatuses");
        keys.forEach(k -> statuses.put(k.accessKeyId(), k.statusAsString()));
        prior.put("status", statuses.path(accessKeyId).asText());
        return prior;
    }
}
