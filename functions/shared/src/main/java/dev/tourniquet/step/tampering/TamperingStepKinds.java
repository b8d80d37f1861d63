package dev.tourniquet.step.tampering;

import dev.tourniquet.step.StepKind;
import java.util.List;

/**
 * The kinds of step that put Tourniquet's own resources back as its baseline recorded them (each one's id, IAM actions
 * and reversal, {@link TamperingReversals}). They act only on Tourniquet's own functions, rules and stack, by exact ARN.
 */
public final class TamperingStepKinds {
    public static final StepKind RESTORE_OWN_CONCURRENCY = StepKind.reversible("restore-own-concurrency",
            List.of("lambda:GetFunctionConcurrency", "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency"),
            TamperingReversals::restoreConcurrency);
    public static final StepKind ENABLE_OWN_RULE = StepKind.reversible("enable-own-rule",
            List.of("events:DescribeRule", "events:EnableRule"), TamperingReversals::disableRule);
    public static final StepKind RESTORE_OWN_RULE_TARGETS = StepKind.reversible("restore-own-rule-targets",
            List.of("events:ListTargetsByRule", "events:PutTargets", "events:RemoveTargets"),
            TamperingReversals::restoreTargets);
    public static final StepKind PROTECT_OWN_STACK = StepKind.reversible("protect-own-stack",
            List.of("cloudformation:DescribeStacks", "cloudformation:UpdateTerminationProtection"),
            TamperingReversals::unprotectStack);

    private TamperingStepKinds() {}

    public static List<StepKind> all() {
        return List.of(RESTORE_OWN_CONCURRENCY, ENABLE_OWN_RULE, RESTORE_OWN_RULE_TARGETS, PROTECT_OWN_STACK);
    }
}
