package dev.tourniquet.cli.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Records every AWS operation a function's code performs, with its region and how long it took: the
 * least-privilege tests compare the operations with the function's policy, and the benchmark separates
 * time spent inside AWS calls from the function's own. It also records when each attempt of a call is
 * sent ({@link #transmissions()}): after any pacing interceptor of the client has let it go, since
 * {@code AwsClients} places a service's own interceptors before shared ones like this.
 */
public final class OperationRecorder implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tourniquet.started");
    private static final Map<String, String> IAM_PREFIXES = Map.of("dynamodb", "dynamodb", "eventbridge", "events",
            "cloudtrail", "cloudtrail", "autoscaling", "autoscaling");

    private final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Transmission> transmissions = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<PolicyWrite> policyWrites = java.util.Collections.synchronizedList(new ArrayList<>());
    private final LongSupplier sentClock;

    public OperationRecorder() {
        this(System::nanoTime);
    }

    /** @param sentClock stamps each attempt sent: the clock the pacers keep (a test's virtual one, or the machine's) */
    public OperationRecorder(LongSupplier sentClock) {
        this.sentClock = sentClock;
    }

    /**
     * One AWS call: its IAM action(s), region, nanoseconds between request and response, and whether it succeeded
     * (the benchmark times the last successful stopping call of a sweep).
     */
    public record Call(List<String> actions, String region, long startNanos, long nanos, boolean succeeded) {
    }

    /**
     * One call that writes or attaches an IAM policy: its IAM action, the user or role, the inline policy's name and
     * document, or the managed policy's ARN (as {@code policy}, with no document).
     */
    public record PolicyWrite(String action, String principal, String policy, String document) {
    }

    /**
     * One attempt of a call leaving for AWS: IAM service prefix ({@code lambda}), region, when (nanoseconds), and the
     * SDK's operation name ({@code GetFunction}: some operations have quotas of their own).
     */
    public record Transmission(String service, String region, long nanos, String operation) {
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        policyWrite(context.request()).ifPresent(policyWrites::add);
    }

    // The calls through which a role could grant: what they wrote is checked against Tourniquet's fixed policies.
    private static java.util.Optional<PolicyWrite> policyWrite(SdkRequest request) {
        return java.util.Optional.ofNullable(switch (request) {
            case PutUserPolicyRequest put -> new PolicyWrite("iam:PutUserPolicy", put.userName(), put.policyName(),
                    put.policyDocument());
            case PutRolePolicyRequest put -> new PolicyWrite("iam:PutRolePolicy", put.roleName(), put.policyName(),
                    put.policyDocument());
            case AttachUserPolicyRequest attach -> new PolicyWrite("iam:AttachUserPolicy", attach.userName(),
                    attach.policyArn(), null);
            case AttachRolePolicyRequest attach -> new PolicyWrite("iam:AttachRolePolicy", attach.roleName(),
                    attach.policyArn(), null);
            default -> null;
        });
    }

    /** Every IAM policy write or attachment attempted so far, in order. */
    public List<PolicyWrite> policyWrites() {
        synchronized (policyWrites) {
            return List.copyOf(policyWrites);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        transmissions.add(new Transmission(service(attributes), region(attributes), sentClock.getAsLong(),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        long started = attributes.getAttribute(STARTED);
        calls.add(new Call(actions(context.request(), attributes), region(attributes), started,
                System.nanoTime() - started, true));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        long start = started == null ? System.nanoTime() : started;
        calls.add(new Call(actions(context.request(), attributes), region(attributes), start,
                System.nanoTime() - start, false));
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Every attempt sent so far, retries included (AWS counts each against its rate limits). */
    public List<Transmission> transmissions() {
        synchronized (transmissions) {
            return List.copyOf(transmissions);
        }
    }

    /** Every IAM action performed so far ({@code iam:UpdateAccessKey} …), sorted. */
    public Set<String> actions() {
        Set<String> actions = new TreeSet<>();
        calls().forEach(call -> actions.addAll(call.actions()));
        return actions;
    }

    /** Every IAM action performed so far, in the order performed. */
    public List<String> sequence() {
        return calls().stream().flatMap(call -> call.actions().stream()).toList();
    }

    /** The regions called so far. */
    public Set<String> regions() {
        Set<String> regions = new TreeSet<>();
        calls().forEach(call -> regions.add(call.region()));
        return regions;
    }

    public long totalNanos() {
        return calls().stream().mapToLong(Call::nanos).sum();
    }

    public void clear() {
        calls.clear();
        transmissions.clear();
        policyWrites.clear();
    }

    private static List<String> actions(SdkRequest request, ExecutionAttributes attributes) {
        String action = service(attributes) + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        // Writing an object with a lock mode needs a second permission.
        if (request instanceof PutObjectRequest put && put.objectLockMode() != null) {
            return List.of(action, "s3:PutObjectRetention");
        }
        return List.of(action);
    }

    private static String service(ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(Locale.ROOT);
        return IAM_PREFIXES.getOrDefault(service, service);
    }

    private static String region(ExecutionAttributes attributes) {
        var region = attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION);
        return region == null ? "" : region.id();
    }
}
