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
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * Deletes the console password of a user the incident created: only where {@code AllowIrreversibleActions} is set
 * (a password cannot be put back; without it the console is denied instead, {@link DenyConsoleSignIn}).
 *
 * <p>IAM actions: {@code iam:GetLoginProfile}, {@code iam:DeleteLoginProfile}. Undo: none (irreversible); a person
 * may give the user a new password ({@code aws iam create-login-profile}).
 */
public final class DeleteLoginProfile implements Step {
    private final IamClient iam;
    private final String userName;

    public DeleteLoginProfile(IamClient iam, String userName) {
        this.iam = iam;
        this.userName = userName;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.DELETE_LOGIN_PROFILE;
    }

    @Override
    public String target() {
        return "login:user/" + userName;
    }

    @Override
    public String undo() {
        return "irreversible (AllowIrreversibleActions): aws iam create-login-profile --user-name " + userName
                + " --password-reset-required gives it a new password";
    }

    @Override
    public StepResult run(StepContext context) {
        Optional<LoginProfile> profile = profile();
        ObjectNode prior = Json.object().put("userName", userName).put("loginProfile", profile.isPresent());
        profile.ifPresent(p -> prior.put("createDate", String.valueOf(p.createDate())));
        if (profile.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "user " + userName + " has no console password");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would delete the console password of user " + userName);
        }
        context.changing(prior);
        iam.deleteLoginProfile(r -> r.userName(userName));
        Verification.until("console password of " + userName + " deleted", () -> profile().isEmpty());
        return new StepResult.Applied(prior, "deleted the console password of user " + userName);
    }

    private Optional<LoginProfile> profile() {
        try {
            return Optional.of(iam.getLoginProfile(r -> r.userName(userName)).loginProfile());
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        }
    }
}
