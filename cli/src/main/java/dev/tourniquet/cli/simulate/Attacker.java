package dev.tourniquet.cli.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * The attacker: makes each call of its script with the leaked key (or, once it has one and the leaked key
 * is refused, with its backdoor user's key), unless the simulation says the key can no longer act (the
 * emulator does not enforce IAM: the {@link KeyGate} reads it). Remembers what it created.
 */
final class Attacker {
    private final AttackProfile profile;
    private final AttackerCalls calls;
    private final Map<String, Integer> generation = new HashMap<>();

    Attacker(AttackerClients clients, AttackProfile profile) {
        this.profile = profile;
        this.calls = new AttackerCalls(clients, profile);
    }

    /** Whatever the attacker knows before it starts (image ids for its GPU instances). */
    void prepare() {
        calls.prepare();
    }

    /** The backdoor user's key, once the attacker minted it. */
    Optional<LeakedKey> backdoorKey() {
        return calls.backdoorKey();
    }

    /**
     * The first burst, in order: recon; persistence first, when it persists (the backdoor user with a key, a console
     * password and AdministratorAccess; the backdoor role its own account may assume); the miners' role; the GPU
     * instances; a mining function made with the backdoor user's key (it checks its backdoor works); then a mining
     * function per region.
     */
    List<AttackerCall> burst() {
        AttackProfile.Backdoor backdoor = profile.backdoor();
        List<AttackerCall> burst = new ArrayList<>(List.of(new AttackerCall(AttackerCall.Kind.RECON, "us-east-1", "")));
        if (profile.persists()) {
            burst.addAll(List.of(
                    new AttackerCall(AttackerCall.Kind.CREATE_USER, "us-east-1", backdoor.userName()),
                    new AttackerCall(AttackerCall.Kind.CREATE_ACCESS_KEY, "us-east-1", backdoor.userName()),
                    new AttackerCall(AttackerCall.Kind.CREATE_LOGIN_PROFILE, "us-east-1", backdoor.userName()),
                    new AttackerCall(AttackerCall.Kind.ATTACH_USER_POLICY, "us-east-1", backdoor.userName()),
                    new AttackerCall(AttackerCall.Kind.CREATE_BACKDOOR_ROLE, "us-east-1", backdoor.roleName()),
                    new AttackerCall(AttackerCall.Kind.ATTACH_ROLE_POLICY, "us-east-1", backdoor.roleName())));
        }
        burst.add(new AttackerCall(AttackerCall.Kind.CREATE_ROLE, "us-east-1", AttackerCalls.ROLE));
        for (int i = 0; i < profile.instanceRegions().size(); i++) {
            burst.add(new AttackerCall(AttackerCall.Kind.RUN_INSTANCE, profile.instanceRegions().get(i),
                    String.format("gpu-batch-%02d", i + 1)));
        }
        // A Fargate miner behind a service, where AWS reports the key (the quiet theft stays with functions and
        // instances, which its footprint names); started with the instances, before the key is refused.
        if (profile.reported()) {
            burst.add(new AttackerCall(AttackerCall.Kind.CREATE_SERVICE, profile.functionRegions().get(0),
                    FargateMiner.SERVICE));
        }
        if (profile.persists()) {
            deploy("us-east-1", backdoor.functionName()).stream()
                    .map(call -> call.signedWith(AttackerCall.Credential.BACKDOOR_KEY)).forEach(burst::add);
        }
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

    /**
     * Makes the call with the key it means to use or, when that key is refused, with the attacker's other
     * key (a real attacker retries with what still works); refuses it when {@code blocked} says why neither
     * key can act.
     *
     * @param blocked why a key cannot act now (empty when it can)
     */
    CallOutcome perform(AttackerCall call, Duration at, Function<AttackerCall.Credential, Optional<String>> blocked) {
        Optional<String> refused = blocked.apply(call.with());
        AttackerCall signed = call;
        String fallback = "";
        if (refused.isPresent()) {
            AttackerCall.Credential other = call.with() == AttackerCall.Credential.LEAKED_KEY
                    ? AttackerCall.Credential.BACKDOOR_KEY : AttackerCall.Credential.LEAKED_KEY;
            Optional<String> otherRefused = blocked.apply(other);
            if (otherRefused.isPresent()) {
                return CallOutcome.refused(call, describe(call) + " refused: " + refused.get()
                        + (call.with() == AttackerCall.Credential.LEAKED_KEY && backdoorKey().isEmpty() ? ""
                        : "; " + otherRefused.get()));
            }
            signed = call.signedWith(other);
            fallback = " [" + refused.get() + ": signed with " + (other == AttackerCall.Credential.BACKDOOR_KEY
                    ? "the backdoor user's key " + backdoorKey().map(LeakedKey::accessKeyId).orElse("")
                    : "the leaked key") + "]";
        }
        long start = System.nanoTime();
        try {
            AttackerCalls.Made made = calls.make(signed, at);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new CallOutcome(signed, true, describe(signed) + ": " + made.text() + fallback, millis,
                    made.trail(), made.created());
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
            case CREATE_USER -> "iam:CreateUser " + call.name();
            case CREATE_ACCESS_KEY -> "iam:CreateAccessKey " + call.name();
            case CREATE_LOGIN_PROFILE -> "iam:CreateLoginProfile " + call.name();
            case ATTACH_USER_POLICY -> "iam:AttachUserPolicy AdministratorAccess " + call.name();
            case CREATE_BACKDOOR_ROLE -> "iam:CreateRole " + call.name();
            case ATTACH_ROLE_POLICY -> "iam:AttachRolePolicy AdministratorAccess " + call.name();
            case CREATE_ROLE -> "iam:CreateRole " + call.name();
            case RUN_INSTANCE -> "ec2:RunInstances " + call.name();
            case CREATE_FUNCTION -> "lambda:CreateFunction " + call.name();
            case ADD_PERMISSION -> "lambda:AddPermission " + call.name();
            case PUT_RULE -> "events:PutRule " + AttackerCall.ruleName(call.name());
            case PUT_TARGETS -> "events:PutTargets " + AttackerCall.ruleName(call.name());
            case UPDATE_FUNCTION_CODE -> "lambda:UpdateFunctionCode " + call.name();
            case CREATE_SERVICE -> "ecs:CreateService " + call.name() + " (desired " + FargateMiner.TASKS + ")";
        };
        return what + " (" + call.region() + ")";
    }
}
