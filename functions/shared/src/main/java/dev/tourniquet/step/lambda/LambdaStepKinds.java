package dev.tourniquet.step.lambda;

import dev.tourniquet.step.StepKind;
import java.util.List;

/** The kinds of function step: each one's id, IAM actions and reversal ({@link LambdaReversals}). */
public final class LambdaStepKinds {
    public static final StepKind SET_RESERVED_CONCURRENCY_ZERO = StepKind.reversible("set-reserved-concurrency-zero",
            List.of("lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency"),
            LambdaReversals.of(LambdaReversals::restoreConcurrency));
    public static final StepKind COLLECT_FUNCTION_EVIDENCE = StepKind.irreversible("collect-function-evidence",
            List.of("lambda:GetFunction", "lambda:GetPolicy", "lambda:ListEventSourceMappings",
                    "lambda:GetFunctionUrlConfig", "lambda:ListAliases", "lambda:ListVersionsByFunction",
                    "lambda:ListTags"),
            "evidence is kept: the code package and configuration stay in the evidence bucket");
    public static final StepKind DISABLE_EVENT_SOURCE_MAPPINGS = StepKind.reversible("disable-event-source-mappings",
            List.of("lambda:ListEventSourceMappings", "lambda:UpdateEventSourceMapping"),
            LambdaReversals.of(LambdaReversals::enableMappings));
    public static final StepKind REMOVE_PUBLIC_INVOKE_PERMISSIONS = StepKind.reversible(
            "remove-public-invoke-permissions", List.of("lambda:ListAliases", "lambda:GetPolicy",
                    "lambda:RemovePermission"), LambdaReversals.of(LambdaReversals::restorePermissions));
    public static final StepKind REMOVE_FUNCTION_PERMISSION = StepKind.reversible("remove-function-permission",
            List.of("lambda:GetPolicy", "lambda:RemovePermission"),
            LambdaReversals.of(LambdaReversals::restorePermissions));
    public static final StepKind LOCK_DOWN_FUNCTION_URL = StepKind.reversible("lock-down-function-url",
            List.of("lambda:ListAliases", "lambda:GetFunctionUrlConfig", "lambda:UpdateFunctionUrlConfig"),
            LambdaReversals.of(LambdaReversals::reopenUrls));
    // The id predates removing targets singly; ids never change, so that older records are still released.
    public static final StepKind CUT_RULES_TARGETING_FUNCTION = StepKind.reversible(
            "disable-rules-targeting-function", List.of("lambda:ListAliases", "events:ListEventBuses",
                    "events:ListRuleNamesByTarget", "events:DescribeRule", "events:ListTargetsByRule",
                    "events:DisableRule", "events:RemoveTargets"),
            LambdaReversals.of(LambdaReversals::restoreRules));
    public static final StepKind DISABLE_SCHEDULES_TARGETING_FUNCTION = StepKind.reversible(
            "disable-schedules-targeting-function", List.of("lambda:ListAliases", "scheduler:ListSchedules",
                    "scheduler:GetSchedule", "scheduler:UpdateSchedule", "iam:PassRole"),
            LambdaReversals.of(LambdaReversals::enableSchedules));
    public static final StepKind TAG_FUNCTION = StepKind.reversible("tag-function",
            List.of("lambda:ListTags", "lambda:TagResource"), LambdaReversals.of(LambdaReversals::restoreTag));

    private LambdaStepKinds() {}

    public static List<StepKind> all() {
        return List.of(SET_RESERVED_CONCURRENCY_ZERO, COLLECT_FUNCTION_EVIDENCE, DISABLE_EVENT_SOURCE_MAPPINGS,
                REMOVE_PUBLIC_INVOKE_PERMISSIONS, REMOVE_FUNCTION_PERMISSION, LOCK_DOWN_FUNCTION_URL, CUT_RULES_TARGETING_FUNCTION,
                DISABLE_SCHEDULES_TARGETING_FUNCTION, TAG_FUNCTION);
    }
}
