package dev.tourniquet.step.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.ListEventBusesResponse;
import software.amazon.awssdk.services.eventbridge.model.ListRuleNamesByTargetResponse;
import software.amazon.awssdk.services.eventbridge.model.ListTargetsByRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * Reads the EventBridge rules of one region that target something, for the steps that cut them ({@link RuleCuts}):
 * the rules on every bus naming a target ARN, a rule as described, and its targets, every page of each.
 *
 * <p>IAM actions (of the steps that use it): {@code events:ListEventBuses}, {@code events:ListRuleNamesByTarget},
 * {@code events:DescribeRule}, {@code events:ListTargetsByRule}.
 */
public final class EventBridgeRules {
    private final EventBridgeClient events;

    public EventBridgeRules(EventBridgeClient events) {
        this.events = events;
    }

    /** One rule on one bus. */
    public record BusRule(String bus, String name) {
    }

    /**
     * The rules, on the default bus and every other bus, that have one of {@code targetArns} as a target.
     *
     * @param targetArns asked once, after the buses are listed (it may read what it needs then)
     */
    public Set<BusRule> targeting(Supplier<? extends Collection<String>> targetArns) {
        Set<BusRule> rules = new LinkedHashSet<>();
        List<String> buses = buses();
        Collection<String> targets = targetArns.get();
        for (String bus : buses) {
            for (String target : targets) {
                pages(token -> events.listRuleNamesByTarget(r -> r.targetArn(target).eventBusName(bus)
                                .nextToken(token)), ListRuleNamesByTargetResponse::nextToken,
                        page -> page.ruleNames().forEach(name -> rules.add(new BusRule(bus, name))));
            }
        }
        return rules;
    }

    public DescribeRuleResponse describe(BusRule rule) {
        return events.describeRule(r -> r.name(rule.name()).eventBusName(rule.bus()));
    }

    /** Every target of the rule. */
    public List<Target> targets(BusRule rule) {
        List<Target> targets = new ArrayList<>();
        pages(token -> events.listTargetsByRule(r -> r.rule(rule.name()).eventBusName(rule.bus()).nextToken(token)),
                ListTargetsByRuleResponse::nextToken, page -> targets.addAll(page.targets()));
        return targets;
    }

    /** The client, for the cuts themselves. */
    EventBridgeClient client() {
        return events;
    }

    private List<String> buses() {
        List<String> buses = new ArrayList<>();
        pages(token -> events.listEventBuses(r -> r.nextToken(token)), ListEventBusesResponse::nextToken,
                page -> page.eventBuses().forEach(bus -> buses.add(bus.name())));
        return buses;
    }

    // EventBridge ends a listing with no token or an empty one.
    private static <P> void pages(Function<String, P> call, Function<P, String> next, Consumer<P> each) {
        String token = null;
        do {
            P page = call.apply(token);
            each.accept(page);
            token = next.apply(page);
        } while (token != null && !token.isEmpty());
    }
}
