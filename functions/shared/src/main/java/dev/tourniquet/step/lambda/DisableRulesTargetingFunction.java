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
import java.util.function.Supplier;
import java.util.Set;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Disables the EventBridge rules, on the default bus and every other bus of the function's region, that
 * target the function or one of its aliases: the "every 3 minutes" schedule that keeps a miner running
 * stops firing. Rules managed by another AWS service cannot be changed and are only recorded. Disabled,
 * never deleted; a rule with other targets stops firing for them too until released.
 *
 * <p>IAM actions: {@code lambda:ListAliases}, {@code events:ListEventBuses},
 * {@code events:ListRuleNamesByTarget}, {@code events:DescribeRule}, {@code events:DisableRule}. Undo:
 * {@code aws events enable-rule --name RULE --event-bus-name BUS} for each rule recorded as enabled.
 */
public final class DisableRulesTargetingFunction extends FunctionStep {
    private final EventBridgeClient events;
    private final Supplier<List<String>> aliases;

    public DisableRulesTargetingFunction(EventBridgeClient events, FunctionArn function,
                                         Supplier<List<String>> aliases) {
        super(function);
        this.events = events;
        this.aliases = aliases;
    }

    /** One rule on one bus. */
    private record BusRule(String bus, String name) {
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.DISABLE_RULES_TARGETING_FUNCTION;
    }

    @Override
    public String undo() {
        return "aws events enable-rule --region " + function.region()
                + " --name RULE --event-bus-name BUS, for each rule recorded as enabled";
    }

    @Override
    public StepResult run(StepContext context) {
        Set<BusRule> rules = rulesTargetingFunction();
        if (rules.isEmpty()) {
            return new StepResult.Skipped("nothing to cut: no EventBridge rule targets " + function.name());
        }
        ObjectNode prior = prior();
        ArrayNode listed = prior.putArray("rules");
        List<BusRule> toDisable = new ArrayList<>();
        for (BusRule rule : rules) {
            DescribeRuleResponse described = describe(rule);
            listed.addObject().put("bus", rule.bus()).put("name", rule.name()).put("state", described.stateAsString())
                    .put("managedBy", described.managedBy());
            if (described.state() != RuleState.DISABLED && described.managedBy() == null) {
                toDisable.add(rule);
            }
        }
        if (toDisable.isEmpty()) {
            return new StepResult.AlreadyApplied(prior, "every rule targeting " + function.name()
                    + " already disabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would disable " + names(toDisable));
        }
        toDisable.forEach(rule -> events.disableRule(r -> r.name(rule.name()).eventBusName(rule.bus())));
        Verification.until("rules targeting " + function.name() + " disabled",
                () -> toDisable.stream().allMatch(rule -> describe(rule).state() == RuleState.DISABLED));
        return new StepResult.Applied(prior, "disabled " + names(toDisable));
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

    private static String names(List<BusRule> rules) {
        return rules.size() + " rule(s): " + String.join(", ", rules.stream()
                .map(r -> r.bus() + "/" + r.name()).toList());
    }
}
