package dev.tourniquet.cli.simulate;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * Reads, in the emulator, whether each attacker resource is contained: what the account shows, never
 * what the handlers said. A key is contained when it cannot act (inactive, or its user carries a deny-all
 * policy); a backdoor user when every key of it is inactive and a deny-all policy is on it (its console
 * password then opens a console where every action is denied); a backdoor role when a deny-all policy is on
 * it (whoever assumes it through its trust can do nothing); a function when its reserved concurrency is 0;
 * an instance when it is stopped and only security groups without any rule are on it.
 */
final class ContainmentProbe {
    private final RegionalClients aws;
    private final KeyGate gate;
    private final Map<String, LeakedKey> keys = new ConcurrentHashMap<>();

    ContainmentProbe(RegionalClients aws, KeyGate gate) {
        this.aws = aws;
        this.gate = gate;
    }

    /**
     * Contained or not, and the state that says so.
     *
     * @param stopped whether what spends is stopped (an instance stopped, isolated or not); for everything else, contained
     */
    record Containment(boolean contained, String state, boolean stopped) {
        Containment(boolean contained, String state) {
            this(contained, state, contained);
        }
    }

    /** A key the attacker holds: the probe reads whether it can act. */
    void watch(LeakedKey key) {
        keys.put(key.accessKeyId(), key);
    }

    /** Why the key cannot act now, or empty when it can (or it is not a key the attacker holds). */
    Optional<String> keyBlocked(String accessKeyId) {
        LeakedKey key = keys.get(accessKeyId);
        return key == null ? Optional.of("no such key") : gate.blocked(key);
    }

    Containment check(AttackerResource resource) {
        return switch (resource.kind()) {
            case ACCESS_KEY -> keyBlocked(resource.id()).map(why -> new Containment(true, why))
                    .orElse(new Containment(false, "active, no deny-all policy on its user"));
            case USER -> IdentityProbe.user(aws.iam(), gate, resource.name());
            case ROLE -> IdentityProbe.role(aws.iam(), gate, resource.name());
            case FUNCTION -> function(resource);
            case INSTANCE -> instance(resource);
            case SERVICE -> FargateMiner.containment(aws.ecs(resource.region()), resource);
        };
    }

    /**
     * Why a mining function cannot run now, or empty when it can. The first run is the attacker's own
     * invocation; later ones come from its 3-minute rule, which must still be enabled and target it.
     */
    Optional<String> whyCannotRun(AttackerResource function, boolean byRule) {
        Optional<String> stopped = stopped(function);
        if (stopped.isPresent()) {
            return stopped;
        }
        if (byRule) {
            String rule = AttackerCall.ruleName(function.name());
            try {
                var events = aws.events(function.region());
                if (!"ENABLED".equals(events.describeRule(r -> r.name(rule)).stateAsString())) {
                    return Optional.of("its rule " + rule + " is disabled");
                }
                if (events.listTargetsByRule(r -> r.rule(rule)).targets().stream()
                        .noneMatch(t -> t.arn().equals(function.id()))) {
                    return Optional.of("its rule " + rule + " no longer targets it");
                }
            } catch (ResourceNotFoundException gone) {
                return Optional.of("its rule " + rule + " is gone");
            }
        }
        return Optional.empty();
    }

    private Containment function(AttackerResource function) {
        return stopped(function).map(why -> new Containment(true, why))
                .orElseGet(() -> new Containment(false, "runs (no reserved concurrency 0)"));
    }

    // GetFunction leaves a reserved concurrency of 0 out; GetFunctionConcurrency states it.
    private Optional<String> stopped(AttackerResource function) {
        String name = function.id().substring(function.id().lastIndexOf(':') + 1);
        try {
            Integer reserved = aws.lambda(function.region()).getFunctionConcurrency(r -> r.functionName(name))
                    .reservedConcurrentExecutions();
            return reserved != null && reserved == 0
                    ? Optional.of("reserved concurrency 0: every invocation is throttled") : Optional.empty();
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException gone) {
            return Optional.of("deleted");
        }
    }

    private Containment instance(AttackerResource resource) {
        var ec2 = aws.ec2(resource.region());
        Instance instance = ec2.describeInstances(r -> r.instanceIds(resource.id())).reservations().get(0)
                .instances().get(0);
        String state = instance.state().nameAsString();
        // The instance's own group list: after a swap the emulator's ENI records may still name the old groups.
        List<String> groups = instance.securityGroups().stream().map(GroupIdentifier::groupId).toList();
        boolean isolated = !groups.isEmpty() && ec2.describeSecurityGroups(r -> r.groupIds(groups)).securityGroups()
                .stream().allMatch(ContainmentProbe::closed);
        boolean stopped = state.equals("stopped") || state.equals("stopping");
        String text = state + ", security groups " + (groups.isEmpty() ? "none" : String.join(",", groups))
                + (isolated ? " (no rules: isolated)" : " (not isolated)");
        return new Containment(stopped && isolated, text, stopped);
    }

    private static boolean closed(SecurityGroup group) {
        return group.ipPermissions().isEmpty() && group.ipPermissionsEgress().isEmpty();
    }
}
