package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The attacker: makes each call of its script with the leaked key, unless the simulation says the key
 * can no longer act (the emulator does not enforce IAM: the {@link KeyGate} reads it). Remembers what it
 * created.
 */
final class Attacker {
    private final AttackProfile profile;
    private final AttackerCalls calls;
    private final Map<String, Integer> generation = new HashMap<>();

    Attacker(AttackerClients clients, AttackProfile profile) {
        this.profile = profile;
        this.calls = new AttackerCalls(clients, profile);
    }

    /** Whatever the attacker knows before it starts (an image id for its GPU instance). */
    void prepare() {
        calls.prepare();
    }

    /** The first burst, in order: recon, a role, the GPU instance, then a mining function per region. */
    List<AttackerCall> burst() {
        List<AttackerCall> burst = new ArrayList<>(List.of(
                new AttackerCall(AttackerCall.Kind.RECON, "us-east-1", ""),
                new AttackerCall(AttackerCall.Kind.CREATE_ROLE, "us-east-1", AttackerCalls.ROLE),
                new AttackerCall(AttackerCall.Kind.RUN_INSTANCE, profile.instanceRegion(), "gpu-batch-01")));
        for (String region : profile.functionRegions()) {
            burst.addAll(deploy(region, functionName(region)));
        }
        return burst;
    }

    /**
     * The attacker's 3-minute loop: re-installs the miner where it runs, re-creates it under a new name
     * where it was stopped. Empty calls and the reason when the key can no longer act.
     */
    Loop loop(Optional<String> blocked) {
        if (blocked.isPresent()) {
            return new Loop(blocked, List.of());
        }
        List<AttackerCall> next = new ArrayList<>();
        for (String region : profile.functionRegions()) {
            String name = functionName(region);
            if (calls.stopped(region, name)) {
                generation.merge(region, 1, Integer::sum);
                next.addAll(deploy(region, functionName(region)));
            } else {
                next.add(new AttackerCall(AttackerCall.Kind.UPDATE_FUNCTION_CODE, region, name));
            }
        }
        return new Loop(Optional.empty(), next);
    }

    /** What one pass of the loop does. */
    record Loop(Optional<String> blockedBy, List<AttackerCall> calls) {
    }

    /** Makes the call, or refuses it when {@code blocked} says why the key cannot act. */
    CallOutcome perform(AttackerCall call, Duration at, Optional<String> blocked) {
        if (blocked.isPresent()) {
            return CallOutcome.refused(call, describe(call) + " refused: " + blocked.get());
        }
        long start = System.nanoTime();
        try {
            AttackerCalls.Made made = calls.make(call, at);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new CallOutcome(call, true, describe(call) + ": " + made.text(), millis, made.trail(),
                    made.created());
        } catch (SdkException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new CallOutcome(call, false, describe(call) + " failed: " + e.getMessage(), millis,
                    Optional.empty(), Optional.empty());
        }
    }

    /** The configuration a function had when the attacker created it. */
    Optional<FunctionConfiguration> function(String arn) {
        return calls.function(arn);
    }

    private List<AttackerCall> deploy(String region, String name) {
        return List.of(new AttackerCall(AttackerCall.Kind.CREATE_FUNCTION, region, name),
                new AttackerCall(AttackerCall.Kind.ADD_PERMISSION, region, name),
                new AttackerCall(AttackerCall.Kind.PUT_RULE, region, name),
                new AttackerCall(AttackerCall.Kind.PUT_TARGETS, region, name));
    }

    private String functionName(String region) {
        return "xmrig-worker-" + (1 + generation.getOrDefault(region, 0));
    }

    private static String describe(AttackerCall call) {
        String what = switch (call.kind()) {
            case RECON -> "iam:GetUser (who am I)";
            case CREATE_ROLE -> "iam:CreateRole " + call.name();
            case RUN_INSTANCE -> "ec2:RunInstances " + call.name();
            case CREATE_FUNCTION -> "lambda:CreateFunction " + call.name();
            case ADD_PERMISSION -> "lambda:AddPermission " + call.name();
            case PUT_RULE -> "events:PutRule " + AttackerCall.ruleName(call.name());
            case PUT_TARGETS -> "events:PutTargets " + AttackerCall.ruleName(call.name());
            case UPDATE_FUNCTION_CODE -> "lambda:UpdateFunctionCode " + call.name();
        };
        return what + " (" + call.region() + ")";
    }
}
