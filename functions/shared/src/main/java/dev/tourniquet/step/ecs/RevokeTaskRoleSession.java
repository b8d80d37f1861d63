package dev.tourniquet.step.ecs;

import dev.tourniquet.signal.Principal;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.iam.RevokeRoleSessions;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Revokes the credentials of one compromised task's role, and only that task's: ECS names a task role's session after
 * the task's id ({@code assumed-role/ROLE/TASK_ID} in CloudTrail), so an inline Deny on {@code aws:userid}
 * {@code ROLE_ID:TASK_ID} issued before the incident ({@link RevokeRoleSessions#ofSession}) ends that task's stolen
 * credentials while the owner's other tasks sharing the role keep working. The role is the task's override
 * ({@code overrides.taskRoleArn}) or its task definition's ({@code taskRoleArn}); a task without one is skipped.
 *
 * <p>IAM actions: {@code ecs:DescribeTasks}, {@code ecs:DescribeTaskDefinition}, {@code iam:GetRolePolicy},
 * {@code iam:PutRolePolicy}. Undo: the revocation policy is deleted (as {@code revoke-role-sessions}').
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html">Task IAM role</a>
 */
public final class RevokeTaskRoleSession implements Step {
    private final EcsClient ecs;
    private final IamClient iam;
    private final String taskArn;
    private final String cluster;

    public RevokeTaskRoleSession(EcsClient ecs, IamClient iam, String taskArn, String cluster) {
        this.ecs = ecs;
        this.iam = iam;
        this.taskArn = taskArn;
        this.cluster = cluster;
    }

    @Override
    public StepKind kind() {
        return EcsStepKinds.REVOKE_TASK_ROLE_SESSION;
    }

    @Override
    public String target() {
        return taskArn;
    }

    @Override
    public String undo() {
        return "aws iam delete-role-policy --role-name ROLE --policy-name <the recorded policyName>";
    }

    @Override
    public StepResult run(StepContext context) {
        Task task = EcsTasks.describe(ecs, cluster, taskArn);
        Optional<String> role = roleOf(task).flatMap(Principal::roleOfArn);
        if (role.isEmpty()) {
            return new StepResult.Skipped("task " + Workload.lastName(taskArn) + " runs with no task role: no session"
                    + " to revoke");
        }
        return RevokeRoleSessions.ofSession(iam, role.get(), Workload.lastName(taskArn)).run(context);
    }

    // The run's override wins over the task definition's role.
    private Optional<String> roleOf(Task task) {
        Optional<String> override = Optional.ofNullable(task.overrides()).map(o -> o.taskRoleArn())
                .filter(arn -> !arn.isBlank());
        return override.or(() -> Optional.ofNullable(ecs.describeTaskDefinition(r -> r.taskDefinition(
                task.taskDefinitionArn())).taskDefinition().taskRoleArn()).filter(arn -> !arn.isBlank()));
    }

    @Override
    public List<String> permissions() {
        return kind().permissions();
    }
}
