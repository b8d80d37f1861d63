package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.events.EventBridgeRules;
import dev.tourniquet.step.events.EventBridgeRules.BusRule;
import dev.tourniquet.step.events.RuleCuts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Cuts the EventBridge rules, on the default bus and every other bus of the function's region, that target
 * the function (any alias or version of it): the "every 3 minutes" schedule that keeps a miner running stops
 * reaching it. A rule whose every target is this function is disabled; a rule with other targets too keeps
 * firing for them, and only the function's targets are removed from it, each recorded whole (input,
 * transformer, retry policy, dead-letter queue) so that a release puts it back as it was. Rules managed by
 * another AWS service cannot be changed and are only recorded. Nothing is deleted but the function's own
 * targets.
 *
 * <p>IAM actions: {@code lambda:ListAliases}, {@code events:ListEventBuses}, {@code events:ListRuleNamesByTarget},
 * {@code events:DescribeRule}, {@code events:ListTargetsByRule}, {@code events:DisableRule},
 * {@code events:RemoveTargets}. Undo: {@code aws events enable-rule} for each rule recorded as disabled here,
 * {@code aws events put-targets} with each recorded target.
 */
public final class CutRulesTargetingFunction extends FunctionStep {
    private final EventBridgeRules rules;
    private final Supplier<List<String>> aliases;

    public CutRulesTargetingFunction(EventBridgeClient events, FunctionArn function, Supplier<List<String>> aliases) {
        super(function);
        this.rules = new EventBridgeRules(events);
        this.aliases = aliases;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.CUT_RULES_TARGETING_FUNCTION;
    }

    @Override
    public String undo() {
        return "aws events enable-rule --region " + function.region() + " --name RULE --event-bus-name BUS for each"
                + " rule recorded as disabled; aws events put-targets --rule RULE --event-bus-name BUS --targets"
                + " with each target recorded as removed";
    }

    @Override
    public StepResult run(StepContext context) {
        List<String> targets = new ArrayList<>(List.of(function.unqualified()));
        aliases.get().forEach(alias -> targets.add(function.unqualified() + ":" + alias));
        Set<BusRule> found = rules.targeting(() -> targets);
        if (found.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge rule targets " + function.name());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("rules");
        RuleCuts cuts = new RuleCuts(rules);
        for (BusRule rule : found) {
            DescribeRuleResponse described = rules.describe(rule);
            ObjectNode entry = listed.addObject().put("bus", rule.bus()).put("name", rule.name())
                    .put("state", described.stateAsString()).put("managedBy", described.managedBy());
            List<Target> all = rules.targets(rule);
            List<Target> ours = all.stream().filter(this::isFunction).toList();
            if (described.managedBy() != null || ours.isEmpty()) {
                continue;
            }
            cuts.cut(rule, described, all, ours, entry, " of " + function.name());
        }
        if (cuts.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no rule reaches " + function.name() + " any more");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would have " + cuts.summary());
        }
        context.changing(prior);
        // Only the rules cut are read again: one an AWS service manages still targets the function, and always will.
        cuts.apply("rules targeting " + function.name() + " cut", cuts.rules(), this::isFunction);
        return new StepResult.Applied(prior, cuts.summary());
    }

    // Any qualifier of this function (an alias, a version) is the function.
    private boolean isFunction(Target target) {
        return FunctionArn.parse(target.arn()).filter(arn -> arn.unqualified().equals(function.unqualified()))
                .isPresent();
    }
}
