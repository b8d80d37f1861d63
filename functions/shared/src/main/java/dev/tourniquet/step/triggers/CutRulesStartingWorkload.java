package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.events.EventBridgeRules;
import dev.tourniquet.step.events.EventBridgeRules.BusRule;
import dev.tourniquet.step.events.RuleCuts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Cuts the EventBridge rules, on every bus of the workload's region, whose targets start the contained workload again:
 * an ECS target running its task definition family on its cluster ({@code RunTask}), a CodeBuild target starting its
 * project ({@code StartBuild}), a Batch target submitting to its queue ({@code SubmitJob}). A rule whose every target
 * starts it is disabled; a rule with other targets too keeps firing for them, and only the workload's targets are
 * removed, each recorded whole (ECS, Batch and every other parameter) so that a release puts it back as it was. Rules
 * managed by an AWS service, and Tourniquet's own rules (by exact ARN), are only recorded. Nothing is deleted but the
 * workload's own targets.
 *
 * <p>IAM actions: {@code events:ListEventBuses}, {@code events:ListRuleNamesByTarget}, {@code events:DescribeRule},
 * {@code events:ListTargetsByRule}, {@code events:DisableRule}, {@code events:RemoveTargets}. Undo:
 * {@code aws events enable-rule} for each rule recorded as disabled, {@code aws events put-targets} with each target
 * recorded as removed (./tourniquet release does both).
 */
public final class CutRulesStartingWorkload extends TriggerStep {
    private final EventBridgeRules rules;

    public CutRulesStartingWorkload(EventBridgeClient events, String workloadArn, WorkloadStarts starts, OwnStack own) {
        this(events, workloadArn, starts, own, Optional.empty());
    }

    /** Only the rule {@code only} (its ARN), when a credential's own rule is the incident ({@code WorkloadTrigger}). */
    public CutRulesStartingWorkload(EventBridgeClient events, String workloadArn, WorkloadStarts starts, OwnStack own,
                                    Optional<String> only) {
        super(workloadArn, starts, own, only);
        this.rules = new EventBridgeRules(events);
    }

    @Override
    public StepKind kind() {
        return TriggerStepKinds.CUT_RULES_STARTING_WORKLOAD;
    }

    @Override
    public String undo() {
        return "aws events enable-rule --region " + starts.region() + " --name RULE --event-bus-name BUS for each rule"
                + " recorded as disabled; aws events put-targets --rule RULE --event-bus-name BUS --targets with each"
                + " target recorded as removed (or ./tourniquet release)";
    }

    @Override
    public StepResult run(StepContext context) {
        Set<BusRule> found = rules.targeting(() -> everyStart().stream()
                .map(WorkloadStarts::targetArn).toList());
        if (found.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge rule starts " + starts.describe());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("rules");
        RuleCuts cuts = new RuleCuts(rules);
        boolean anyStarts = false;
        for (BusRule rule : found) {
            DescribeRuleResponse described = rules.describe(rule);
            if (!within(described.arn())) {
                continue;
            }
            ObjectNode entry = listed.addObject().put("bus", rule.bus()).put("name", rule.name())
                    .put("arn", described.arn()).put("state", described.stateAsString())
                    .put("managedBy", described.managedBy());
            List<Target> all = rules.targets(rule);
            List<Target> ours = all.stream().filter(this::starts).toList();
            if (ours.isEmpty()) {
                continue;
            }
            // Never Tourniquet's own rules, nor one an AWS service manages (it cannot be changed).
            if (described.managedBy() != null || (described.arn() != null && own.isOwn(described.arn()))) {
                entry.put("action", "left");
                continue;
            }
            anyStarts = true;
            cuts.cut(rule, described, all, ours, entry, "");
        }
        // Rules on the same cluster that run other families only (the owner's jobs), or Tourniquet's own: nothing to cut.
        if (!anyStarts) {
            return new StepResult.Skipped("nothing to cut: no EventBridge rule starts " + starts.describe());
        }
        if (cuts.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no rule starts " + starts.describe() + " any more");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would have " + cuts.summary());
        }
        context.changing(prior);
        cuts.apply("rules starting " + starts.describe() + " cut", cuts.rules(), this::starts);
        return new StepResult.Applied(prior, cuts.summary() + " (they started " + starts.describe() + ")");
    }

    private boolean starts(Target target) {
        return everyStart().stream().anyMatch(s -> s.startedBy(target.arn(), Optional.ofNullable(target.ecsParameters())
                .map(p -> p.taskDefinitionArn())));
    }
}
