package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.RuleState;

/**
 * Enables one of Tourniquet's own rules again after someone disabled it. Only Tourniquet's own rules, by exact ARN.
 *
 * <p>IAM actions: {@code events:DescribeRule}, {@code events:EnableRule}. Undo: {@code aws events disable-rule --name
 * NAME --event-bus-name BUS}.
 */
public final class EnableOwnRule implements Step {
    private final EventBridgeClient events;
    private final String region;
    private final String ruleArn;

    public EnableOwnRule(EventBridgeClient events, String region, String ruleArn) {
        this.events = events;
        this.region = region;
        this.ruleArn = ruleArn;
    }

    @Override
    public StepKind kind() {
        return TamperingStepKinds.ENABLE_OWN_RULE;
    }

    @Override
    public String target() {
        return ruleArn;
    }

    @Override
    public String undo() {
        return "aws events disable-rule --name " + name() + " --event-bus-name " + bus() + " --region " + region;
    }

    @Override
    public StepResult run(StepContext context) {
        RuleState state = state();
        ObjectNode prior = Json.object().put("region", region).put("name", name()).put("eventBusName", bus())
                .put("state", state.toString());
        if (state == RuleState.ENABLED) {
            return new StepResult.AlreadyApplied(prior, "rule " + name() + " is enabled");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would enable rule " + name() + " again");
        }
        context.changing(prior);
        events.enableRule(r -> r.name(name()).eventBusName(bus()));
        Verification.until("rule " + name() + " enabled", () -> state() == RuleState.ENABLED);
        return new StepResult.Applied(prior, "enabled rule " + name() + " again (was " + state + ")");
    }

    private RuleState state() {
        return events.describeRule(r -> r.name(name()).eventBusName(bus())).state();
    }

    private String name() {
        return OwnRules.name(ruleArn);
    }

    private String bus() {
        return OwnRules.bus(ruleArn);
    }
}
