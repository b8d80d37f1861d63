package dev.tourniquet.step.triggers;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of respawn-trigger cut: each one's id, IAM actions and reversal ({@link TriggerReversals}). */
public final class TriggerStepKinds {
    public static final StepKind CUT_RULES_STARTING_WORKLOAD = StepKind.reversible("cut-rules-starting-workload",
            List.of("events:ListEventBuses", "events:ListRuleNamesByTarget", "events:DescribeRule",
                    "events:ListTargetsByRule", "events:DisableRule", "events:RemoveTargets",
                    // The pipelines that build a contained CodeBuild project (PipelinesBuilding).
                    "codepipeline:ListPipelines", "codepipeline:GetPipeline"),
            TriggerReversals::restoreRules);
    public static final StepKind DISABLE_SCHEDULES_STARTING_WORKLOAD = StepKind.reversible(
            "disable-schedules-starting-workload", List.of("scheduler:ListSchedules", "scheduler:GetSchedule",
                    "scheduler:UpdateSchedule", "iam:PassRole", "codepipeline:ListPipelines",
                    "codepipeline:GetPipeline"), TriggerReversals::enableSchedules);

    private TriggerStepKinds() {}

    public static List<StepKind> all() {
        return List.of(CUT_RULES_STARTING_WORKLOAD, DISABLE_SCHEDULES_STARTING_WORKLOAD);
    }
}
