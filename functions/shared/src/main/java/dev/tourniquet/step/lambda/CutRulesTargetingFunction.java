package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
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
    static final String DISABLED = "disabled";
    static final String TARGETS_REMOVED = "targets-removed";

    private final EventBridgeClient events;
    private final Supplier<List<String>> aliases;

    public CutRulesTargetingFunction(EventBridgeClient events, FunctionArn function, Supplier<List<String>> aliases) {
        super(function);
        this.events = events;
        this.aliases = aliases;
    }

    /** One rule on one bus. */
    private record BusRule(String bus, String name) {
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
        Set<BusRule> rules = rulesTargetingFunction();
        if (rules.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge rule targets " + function.name());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("rules");
        List<Runnable> cuts = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (BusRule rule : rules) {
            DescribeRuleResponse described = describe(rule);
            ObjectNode entry = listed.addObject().put("bus", rule.bus()).put("name", rule.name())
                    .put("state", described.stateAsString()).put("managedBy", described.managedBy());
            List<Target> ours = functionTargets(rule);
            if (described.managedBy() != null || ours.isEmpty()) {
                continue;
            }
            if (ours.size() == targets(rule).size()) {
                if (described.state() != RuleState.DISABLED) {
                    entry.put("action", DISABLED);
                    cuts.add(() -> events.disableRule(r -> r.name(rule.name()).eventBusName(rule.bus())));
                    done.add("disabled " + rule.bus() + "/" + rule.name());
                }
            } else {
                entry.put("action", TARGETS_REMOVED);
                ours.forEach(target -> entry.withArray("removedTargets").add(RuleTargets.toJson(target)));
                cuts.add(() -> events.removeTargets(r -> r.rule(rule.name()).eventBusName(rule.bus())
                        .ids(ours.stream().map(Target::id).toList())));
                done.add("removed " + ours.size() + " target(s) of " + function.name() + " from " + rule.bus() + "/"
                        + rule.name() + " (its other targets still fire)");
            }
        }
        if (cuts.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "no rule reaches " + function.name() + " any more");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would have " + String.join("; ", done));
        }
        context.changing(prior);
        cuts.forEach(Runnable::run);
        Verification.until("rules targeting " + function.name() + " cut", () -> rules.stream()
                .allMatch(rule -> describe(rule).state() == RuleState.DISABLED || functionTargets(rule).isEmpty()));
        return new StepResult.Applied(prior, String.join("; ", done));
    }

    private List<Target> targets(BusRule rule) {
        List<Target> targets = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            var page = events.listTargetsByRule(r -> r.rule(rule.name()).eventBusName(rule.bus()).nextToken(from));
            targets.addAll(page.targets());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return targets;
    }

    // Any qualifier of this function (an alias, a version) is the function.
    private List<Target> functionTargets(BusRule rule) {
        return targets(rule).stream().filter(t -> FunctionArn.parse(t.arn())
                .filter(arn -> arn.unqualified().equals(function.unqualified())).isPresent()).toList();
    }

    private Set<BusRule> rulesTargetingFunction() {
        List<String> targets = new ArrayList<>(List.of(function.unqualified()));
        aliases.get().forEach(alias -> targets.add(function.unqualified() + ":" + alias));
        Set<BusRule> rules = new LinkedHashSet<>();
        for (String bus : buses()) {
            for (String target : targets) {
                String token = null;
                do {
                    String from = token;
                    ListRuleNamesByTargetResponse page = events.listRuleNamesByTarget(r -> r.targetArn(target)
                            .eventBusName(bus).nextToken(from));
                    page.ruleNames().forEach(name -> rules.add(new BusRule(bus, name)));
                    token = page.nextToken();
                } while (token != null && !token.isEmpty());
            }
        }
        return rules;
    }

    private List<String> buses() {
        List<String> buses = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListEventBusesResponse page = events.listEventBuses(r -> r.nextToken(from));
            page.eventBuses().forEach(bus -> buses.add(bus.name()));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return buses;
    }

    private DescribeRuleResponse describe(BusRule rule) {
        return events.describeRule(r -> r.name(rule.name()).eventBusName(rule.bus()));
    }
}
