package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Puts one of Tourniquet's own rules' targets back as the baseline recorded them after a {@code RemoveTargets} or
 * {@code PutTargets}: missing or changed targets are put back, targets the baseline did not have are removed. Only
 * targets that are Tourniquet's own functions (and dead-letter queues that are its own) are ever put on its rule, so
 * a baseline recorded after an attacker added a target can never restore that target.
 *
 * <p>IAM actions: {@code events:ListTargetsByRule}, {@code events:PutTargets}, {@code events:RemoveTargets} (on
 * Tourniquet's rules only). Undo: put the targets recorded as prior state back.
 */
public final class RestoreOwnRuleTargets implements Step {
    private final EventBridgeClient events;
    private final String region;
    private final String ruleArn;
    private final Optional<JsonNode> baseline;
    private final Predicate<JsonNode> ownTarget;

    /** @param ownTarget whether a recorded target (its {@code arn} and {@code deadLetterArn}) is Tourniquet's own */
    public RestoreOwnRuleTargets(EventBridgeClient events, String region, String ruleArn, Optional<JsonNode> baseline,
                                 Predicate<JsonNode> ownTarget) {
        this.events = events;
        this.region = region;
        this.ruleArn = ruleArn;
        this.baseline = baseline;
        this.ownTarget = ownTarget;
    }

    @Override
    public StepKind kind() {
        return TamperingStepKinds.RESTORE_OWN_RULE_TARGETS;
    }

    @Override
    public String target() {
        return ruleArn;
    }

    @Override
    public String undo() {
        return "aws events put-targets --rule " + OwnRules.name(ruleArn) + " --event-bus-name " + OwnRules.bus(ruleArn)
                + " --region " + region + " with the targets recorded as prior state (and remove-targets of the others)";
    }

    @Override
    public StepResult run(StepContext context) {
        if (baseline.isEmpty()) {
            return new StepResult.Skipped("no baseline of rule " + ruleArn + ": redeploy Tourniquet to restore its targets");
        }
        ArrayNode wanted = Json.MAPPER.createArrayNode();
        baseline.get().path("targets").forEach(t -> {
            if (ownTarget.test(t)) {
                wanted.add(t);
            }
        });
        ArrayNode now = current();
        ObjectNode prior = Json.object().put("region", region).put("name", OwnRules.name(ruleArn))
                .put("eventBusName", OwnRules.bus(ruleArn));
        prior.set("targets", now);
        List<String> extra = extra(now, wanted);
        if (sameTargets(now, wanted)) {
            return new StepResult.AlreadyApplied(prior, "rule " + OwnRules.name(ruleArn) + " has its recorded targets");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would put the recorded targets back on rule " + OwnRules.name(ruleArn));
        }
        context.changing(prior);
        if (!extra.isEmpty()) {
            events.removeTargets(r -> r.rule(OwnRules.name(ruleArn)).eventBusName(OwnRules.bus(ruleArn)).ids(extra));
        }
        if (!wanted.isEmpty()) {
            events.putTargets(r -> r.rule(OwnRules.name(ruleArn)).eventBusName(OwnRules.bus(ruleArn))
                    .targets(RuleTargets.fromJson(wanted)));
        }
        Verification.until("recorded targets on " + ruleArn, () -> sameTargets(current(), wanted));
        return new StepResult.Applied(prior, "put the recorded targets back on rule " + OwnRules.name(ruleArn)
                + (extra.isEmpty() ? "" : ", removed " + extra));
    }

    private ArrayNode current() {
        return RuleTargets.toJson(events.listTargetsByRule(r -> r.rule(OwnRules.name(ruleArn))
                .eventBusName(OwnRules.bus(ruleArn))).targets());
    }

    // Targets now on the rule whose id the recorded ones do not have.
    private static List<String> extra(JsonNode now, JsonNode wanted) {
        List<String> ids = new ArrayList<>();
        now.forEach(t -> {
            boolean recorded = false;
            for (JsonNode w : wanted) {
                recorded |= w.path("id").asText().equals(t.path("id").asText());
            }
            if (!recorded) {
                ids.add(t.path("id").asText());
            }
        });
        return ids;
    }

    private static boolean sameTargets(JsonNode now, JsonNode wanted) {
        if (now.size() != wanted.size()) {
            return false;
        }
        for (JsonNode w : wanted) {
            boolean found = false;
            for (JsonNode t : now) {
                found |= t.path("id").equals(w.path("id")) && t.path("arn").equals(w.path("arn"))
                        && t.path("deadLetterArn").equals(w.path("deadLetterArn"));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
