package dev.tourniquet.step.iam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Group;

/**
 * Takes an existing user out of the group an incident added it to ({@code AddUserToGroup}); its other groups, and the
 * group itself, are left as they are.
 *
 * <p>IAM actions: {@code iam:ListGroupsForUser}, {@code iam:RemoveUserFromGroup}. Undo:
 * {@code aws iam add-user-to-group --user-name USER --group-name GROUP}.
 */
public final class RemoveUserFromGroup implements Step {
    private final IamClient iam;
    private final String userName;
    private final String groupName;

    public RemoveUserFromGroup(IamClient iam, String userName, String groupName) {
        this.iam = iam;
        this.userName = userName;
        this.groupName = groupName;
    }

    @Override
    public StepKind kind() {
        return IamStepKinds.REMOVE_USER_FROM_GROUP;
    }

    @Override
    public String target() {
        return "user/" + userName + "#" + groupName;
    }

    @Override
    public String undo() {
        return "aws iam add-user-to-group --user-name " + userName + " --group-name " + groupName;
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = Json.object().put("userName", userName).put("groupName", groupName);
        if (!member()) {
            return new StepResult.AlreadyApplied(prior.put("member", false), "user " + userName + " is not in group "
                    + groupName);
        }
        prior.put("member", true);
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would remove user " + userName + " from group " + groupName);
        }
        context.changing(prior);
        iam.removeUserFromGroup(r -> r.userName(userName).groupName(groupName));
        Verification.until("user " + userName + " out of group " + groupName, () -> !member());
        return new StepResult.Applied(prior, "removed user " + userName + " from group " + groupName);
    }

    private boolean member() {
        return iam.listGroupsForUserPaginator(r -> r.userName(userName)).groups().stream().map(Group::groupName)
                .anyMatch(groupName::equals);
    }
}
