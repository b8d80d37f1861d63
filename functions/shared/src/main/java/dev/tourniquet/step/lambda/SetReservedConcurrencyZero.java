package dev.tourniquet.step.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Sets the function's reserved concurrency to 0: from the next request on, no invocation of any version
 * or alias runs (running ones finish, at most their timeout). This is the containment itself, so it is the
 * first call of the plan. The prior value is read with {@code GetFunctionConcurrency}: {@code GetFunction}
 * leaves {@code Concurrency} out when it is 0 on some emulators, and a missing value means "unreserved".
 *
 * <p>A sweep's first phase makes only the {@code PutFunctionConcurrency} ({@link #stopFirst}), the prior value read
 * with {@code GetFunction} (a quota of its own, 100 a second, beside the control plane's 15; it leaves
 * {@code Concurrency} out when unreserved): one control-plane call per function.
 *
 * <p>IAM actions: {@code lambda:GetFunctionConcurrency}, {@code lambda:PutFunctionConcurrency}, and
 * {@code lambda:GetFunction} for the first phase. Undo:
 * {@code aws lambda delete-function-concurrency} when it was unreserved, else
 * {@code aws lambda put-function-concurrency --reserved-concurrent-executions N} with the recorded value.
 */
public final class SetReservedConcurrencyZero extends FunctionStep implements Stopping {
    private final LambdaClient lambda;
    private volatile Integer recorded;

    public SetReservedConcurrencyZero(LambdaClient lambda, FunctionArn function) {
        super(function);
        this.lambda = lambda;
    }

    @Override
    public StepKind kind() {
        return LambdaStepKinds.SET_RESERVED_CONCURRENCY_ZERO;
    }

    @Override
    public List<String> permissions() {
        return Stream.concat(kind().permissions().stream(), Stream.of("lambda:GetFunction")).toList();
    }

    @Override
    public String undo() {
        String common = " --function-name " + function.name() + " --region " + function.region();
        Integer prior = recorded;
        return prior == null ? "aws lambda delete-function-concurrency" + common
                : "aws lambda put-function-concurrency" + common + " --reserved-concurrent-executions " + prior;
    }

    @Override
    public StepResult run(StepContext context) {
        Integer prior = current();
        recorded = prior;
        ObjectNode state = prior().put("functionName", function.name());
        state.put("reservedConcurrentExecutions", prior);
        String was = prior == null ? "unreserved" : String.valueOf(prior);
        if (prior != null && prior == 0) {
            return new StepResult.AlreadyApplied(state, "reserved concurrency already 0");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(state, "would set reserved concurrency of " + function.name()
                    + " to 0 (was " + was + ")");
        }
        context.changing(state);
        lambda.putFunctionConcurrency(r -> r.functionName(function.name()).reservedConcurrentExecutions(0));
        Verification.until("reserved concurrency 0 on " + function.name(), () -> Integer.valueOf(0).equals(current()));
        return new StepResult.Applied(state, "set reserved concurrency of " + function.name() + " to 0 (was "
                + was + "): no new invocation runs");
    }

    @Override
    public StepResult stopFirst(StepContext context) {
        var concurrency = lambda.getFunction(r -> r.functionName(function.name())).concurrency();
        Integer prior = concurrency == null ? null : concurrency.reservedConcurrentExecutions();
        recorded = prior;
        ObjectNode state = prior().put("functionName", function.name());
        state.put("reservedConcurrentExecutions", prior);
        String was = prior == null ? "unreserved" : String.valueOf(prior);
        if (prior != null && prior == 0) {
            return new StepResult.AlreadyApplied(state, "reserved concurrency already 0");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(state, "would set reserved concurrency of " + function.name()
                    + " to 0 (was " + was + ")");
        }
        context.changing(state);
        lambda.putFunctionConcurrency(r -> r.functionName(function.name()).reservedConcurrentExecutions(0));
        return new StepResult.Applied(state, "set reserved concurrency of " + function.name() + " to 0 (was "
                + was + ") first, before the evidence: no new invocation runs");
    }

    private Integer current() {
        return lambda.getFunctionConcurrency(r -> r.functionName(function.name())).reservedConcurrentExecutions();
    }
}
