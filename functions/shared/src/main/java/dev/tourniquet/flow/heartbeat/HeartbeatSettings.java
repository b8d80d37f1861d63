package dev.tourniquet.flow.heartbeat;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.OwnStack;
import java.util.Map;
import java.util.Optional;

/**
 * What the heartbeat needs besides the common configuration, read once from its environment
 * ({@code template.yaml} sets every value from the stack itself).
 *
 * @param ruleArn   the exact ARN of its own schedule rule: the one resource it writes to (a timestamp tag)
 * @param roleArn   the exact ARN of its own execution role: only a write by this role counts as a heartbeat
 * @param stack     the stack whose termination protection it reports: its exact id in AWS ({@code STACK_ID});
 *                  locally, where no id is known in advance, the stack's name
 * @param region    the region it runs in (a heartbeat is regional, as CloudTrail's delivery to EventBridge is)
 */
public record HeartbeatSettings(String ruleArn, String roleArn, String stack, String region) {
    public static final String RULE_NAME = "tourniquet-heartbeat";
    /** The forwarders' heartbeat rule (forwarder.yaml), by this exact name in every other region. */
    public static final String FORWARDER_RULE_NAME = "tourniquet-forward-heartbeat";
    public static final String LOCAL_ROLE_NAME = "tourniquet-heartbeat";
    public static final String LOCAL_STACK_NAME = "tourniquet";

    /**
     * From the environment; what is unset defaults to the names {@code template.yaml} gives, in the stack's account
     * and partition (the emulator's account locally).
     */
    public static HeartbeatSettings from(Map<String, String> env, Configuration configuration) {
        OwnStack own = configuration.ownStack();
        String region = configuration.region();
        return new HeartbeatSettings(
                value(env, "HEARTBEAT_RULE_ARN").orElse("arn:" + own.partition() + ":events:" + region + ":"
                        + own.accountId() + ":rule/" + RULE_NAME),
                value(env, "HEARTBEAT_ROLE_ARN").orElse("arn:" + own.partition() + ":iam::" + own.accountId()
                        + ":role/tourniquet/" + LOCAL_ROLE_NAME),
                value(env, "STACK_ID").orElse(LOCAL_STACK_NAME), region);
    }

    /**
     * The exact ARN of the forwarder's heartbeat rule in {@code otherRegion}: the heartbeat's own rule's partition and
     * account, that region, {@value #FORWARDER_RULE_NAME}.
     */
    public String forwarderRuleArn(String otherRegion) {
        String[] parts = ruleArn.split(":", 6);
        return "arn:" + parts[1] + ":events:" + otherRegion + ":" + parts[4] + ":rule/" + FORWARDER_RULE_NAME;
    }

    private static Optional<String> value(Map<String, String> env, String key) {
        return Optional.ofNullable(env.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
