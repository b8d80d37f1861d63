package dev.tourniquet.step.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.SdkJson;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.events.EventBridgeRules.BusRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * The EventBridge rule cuts of one step run, and their undo. A rule whose every target is one the step cuts is
 * disabled; a rule with other targets too keeps firing for them, and only the step's targets are removed, each
 * recorded whole in the rule's prior-state entry ({@code action}, {@code removedTargets}, AWS's member names) so that a
 * release puts it back as it was. Nothing is changed until {@link #apply}.
 *
 * <p>IAM actions (of the steps that use it): {@code events:DisableRule}, {@code events:RemoveTargets}, and to verify
 * {@code events:DescribeRule}, {@code events:ListTargetsByRule}; its undo {@code events:EnableRule},
 * {@code events:PutTargets}.
 */
public final class RuleCuts {
    /** The {@code action} of a rule entry the step disabled. */
    public static final String DISABLED = "disabled";
    /** The {@code action} of a rule entry the step removed targets from (listed in {@code removedTargets}). */
    public static final String TARGETS_REMOVED = "targets-removed";

    private final EventBridgeRules rules;
    private final List<Runnable> cuts = new ArrayList<>();
    private final List<String> done = new ArrayList<>();
    private final List<BusRule> cut = new ArrayList<>();

    public RuleCuts(EventBridgeRules rules) {
        this.rules = rules;
    }

    /**
     * Plans the cut of {@code ours} from {@code rule} and records it in {@code entry}: the rule disabled when they are
     * {@code all} its targets (nothing to do when it is disabled already), else only they removed.
     *
     * @param whose what the removed targets are, for the summary ({@code " of NAME"}, or empty)
     */
    public void cut(BusRule rule, DescribeRuleResponse described, List<Target> all, List<Target> ours,
                    ObjectNode entry, String whose) {
        EventBridgeClient events = rules.client();
        if (ours.size() == all.size()) {
            if (described.state() != RuleState.DISABLED) {
                entry.put("action", DISABLED);
                cuts.add(() -> events.disableRule(r -> r.name(rule.name()).eventBusName(rule.bus())));
                done.add("disabled " + rule.bus() + "/" + rule.name());
                cut.add(rule);
            }
        } else {
            entry.put("action", TARGETS_REMOVED);
            ours.forEach(target -> entry.withArray("removedTargets").add(SdkJson.object(target)));
            cuts.add(() -> events.removeTargets(r -> r.rule(rule.name()).eventBusName(rule.bus())
                    .ids(ours.stream().map(Target::id).toList())));
            done.add("removed " + ours.size() + " target(s)" + whose + " from " + rule.bus() + "/" + rule.name()
                    + " (its other targets still fire)");
            cut.add(rule);
        }
    }

    /** Whether no cut is planned: every rule that reached the target is cut already (or may not be). */
    public boolean isEmpty() {
        return cuts.isEmpty();
    }

    /** The rules a cut is planned on. */
    public List<BusRule> rules() {
        return List.copyOf(cut);
    }

    /** What the cuts do, one clause a rule. */
    public String summary() {
        return String.join("; ", done);
    }

    /**
     * Makes the planned cuts, then re-reads until each of {@code verified} is disabled or has none of {@code ours}.
     *
     * @param what the change expected, for the error when it never shows
     */
    public void apply(String what, Collection<BusRule> verified, Predicate<Target> ours) {
        cuts.forEach(Runnable::run);
        Verification.until(what, () -> verified.stream().allMatch(rule -> rules.describe(rule).state()
                == RuleState.DISABLED || rules.targets(rule).stream().noneMatch(ours)));
    }

    /**
     * The undo of recorded cuts: each rule entry's removed targets put back, each rule recorded as {@link #DISABLED}
     * (and that was not disabled before, nor managed by an AWS service) enabled again.
     *
     * @param recorded      the prior state's rule entries
     * @param defaultAction the action of an entry that records none
     * @param target        reads a recorded target back (AWS's member names)
     * @return each rule restored, with what was done to it
     */
    public static List<String> restore(EventBridgeClient events, JsonNode recorded, String defaultAction,
                                       Function<JsonNode, Target> target) {
        List<String> restored = new ArrayList<>();
        for (JsonNode rule : recorded) {
            String name = rule.path("name").asText();
            String bus = rule.path("bus").asText();
            String action = rule.path("action").asText(defaultAction);
            if (TARGETS_REMOVED.equals(action)) {
                List<Target> targets = new ArrayList<>();
                rule.path("removedTargets").forEach(t -> targets.add(target.apply(t)));
                // PutTargets overwrites a target of the same id: putting it back twice changes nothing.
                events.putTargets(r -> r.rule(name).eventBusName(bus).targets(targets));
                restored.add(bus + "/" + name + " (" + targets.size() + " target(s) put back)");
            } else if (DISABLED.equals(action) && !"DISABLED".equals(rule.path("state").asText())
                    && Json.text(rule, "/managedBy").isEmpty()) {
                events.enableRule(r -> r.name(name).eventBusName(bus));
                restored.add(bus + "/" + name + " (enabled)");
            }
        }
        return restored;
    }
}
