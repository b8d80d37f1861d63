package dev.tourniquet.step.ecs;

import dev.tourniquet.step.Reversal;
import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.iam.IamStepKinds;
import java.util.List;

/** The kinds of ECS step: each one's id, IAM actions and reversal ({@link EcsReversals}). */
public final class EcsStepKinds {
    public static final StepKind STOP_TASK = StepKind.irreversible("stop-task",
            List.of("ecs:DescribeTasks", "ecs:StopTask"),
            "ECS cannot start a stopped task again: its task definition, overrides and the run-task command that"
                    + " would start one like it are recorded in the prior state; a service's task comes back when"
                    + " the service's desired count is restored");
    public static final StepKind COLLECT_TASK_EVIDENCE = StepKind.irreversible("collect-task-evidence",
            List.of("ecs:DescribeTasks", "ecs:DescribeTaskDefinition"),
            "evidence is kept: the task and task definition descriptions stay in the evidence bucket");
    public static final StepKind SCALE_SERVICE_TO_ZERO = StepKind.reversible("scale-service-to-zero",
            List.of("ecs:DescribeServices", "ecs:UpdateService"), new EcsReversals.RestoreDesiredCount());
    public static final StepKind STOP_SERVICE_TASKS = StepKind.irreversible("stop-service-tasks",
            List.of("ecs:ListTasks", "ecs:DescribeTasks", "ecs:StopTask"),
            "ECS cannot start a stopped task again: the service, back at its recorded desired count after a release,"
                    + " starts new ones; each stopped task's definition and group are recorded");
    public static final StepKind REVOKE_TASK_ROLE_SESSION = StepKind.reversible("revoke-task-role-session",
            List.of("ecs:DescribeTasks", "ecs:DescribeTaskDefinition", "iam:GetRolePolicy", "iam:PutRolePolicy"),
            sessionRevocationUndo());

    private EcsStepKinds() {}

    public static List<StepKind> all() {
        return List.of(STOP_TASK, COLLECT_TASK_EVIDENCE, SCALE_SERVICE_TO_ZERO, STOP_SERVICE_TASKS,
                REVOKE_TASK_ROLE_SESSION);
    }

    // The task's session is revoked by the IAM step itself (its prior state is that step's): undone the same way.
    private static Reversal sessionRevocationUndo() {
        return ((Reversibility.Reversible) IamStepKinds.REVOKE_ROLE_SESSIONS.reversibility()).reversal();
    }
}
