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
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.StatusType;

/**
 * Deactivates one service-specific credential (a CodeCommit password, a Bedrock API key …) a contained credential
 * created; the user's other credentials are untouched and nothing is deleted.
 *
 * <p>IAM actions: {@code iam:ListServiceSpecificCredentials}, {@code iam:UpdateServiceSpecificCredential}. Undo:
 * {@code aws iam update-service-specific-credential --user-name USER --service-specific-credential-id ID --status Active}.
 */
public final class DeactivateServiceSpecificCredential implements Step {
    private final IamClient iam;
    private final String userName;
    private final String credentialId;

    public DeactivateServiceSpecificCredential(IamClient iam, String userName, String credentialId) {
        this.iam = iam;
        this.userName = userName;
        this.credentialId = credentialId;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DEACTIVATE_SERVICE_CREDENTIAL;
    }

    @Override
    public String target() {
        return credentialId;
    }

    @Override
    public String undo() {
        return "aws iam update-service-specific-credential --user-name " + userName
                + " --service-specific-credential-id " + credentialId + " --status Active";
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<ServiceSpecificCredentialMetadata> credential = find();
        if (credential.isEmpty()) {
            return new StepResult.Skipped("user " + userName + " has no service-specific credential " + credentialId
                    + " (deleted already?)");
        }
        ObjectNode prior = Json.object().put("userName", userName).put("credentialId", credentialId)
                .put("serviceName", credential.get().serviceName()).put("status", credential.get().statusAsString());
        if (credential.get().status() == StatusType.INACTIVE) {
            return new StepResult.AlreadyApplied(prior, "service-specific credential already inactive");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would deactivate service-specific credential " + credentialId
                    + " of user " + userName);
        }
        context.changing(prior);
        iam.updateServiceSpecificCredential(r -> r.userName(userName).serviceSpecificCredentialId(credentialId)
                .status(StatusType.INACTIVE));
        Verification.until("service-specific credential " + credentialId + " inactive",
                () -> find().map(c -> c.status() == StatusType.INACTIVE).orElse(true));
        return new StepResult.Applied(prior, "deactivated service-specific credential " + credentialId + " ("
                + credential.get().serviceName() + ") of user " + userName);
    }

    private Optional<ServiceSpecificCredentialMetadata> find() {
        return iam.listServiceSpecificCredentials(r -> r.userName(userName)).serviceSpecificCredentials().stream()
                .filter(c -> credentialId.equals(c.serviceSpecificCredentialId())).findFirst();
    }
}
