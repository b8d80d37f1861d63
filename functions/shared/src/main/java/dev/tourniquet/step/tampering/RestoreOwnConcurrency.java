package dev.tourniquet.step.tampering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Puts the reserved concurrency of one of Tourniquet's own functions back to what the baseline recorded (a function
 * cut to 0, or unreserved so that a fleet of miners can starve it). Only ever one of Tourniquet's own functions, by
 * exact ARN (the playbook checks it; the policy grants it only on those ARNs).
 *
 * <p>IAM actions: {@code lambda:GetFunctionConcurrency}, {@code lambda:PutFunctionConcurrency},
 * {@code lambda:DeleteFunctionConcurrency}. Undo: put back the value recorded as prior state.
 */
public final class RestoreOwnConcurrency implements Step {
    private final LambdaClient lambda;
    private final FunctionArn function;
    private final Optional<JsonNode> baseline;

    public RestoreOwnConcurrency(LambdaClient lambda, FunctionArn function, Optional<JsonNode> baseline) {
        this.lambda = lambda;
        this.function = function;
        this.baseline = baseline;
    }

    @Override
    public StepKind kind() {
        return TamperingStepKinds.RESTORE_OWN_CONCURRENCY;
    }

    @Override
    public String target() {
        return function.unqualified();
    }

    @Override
    public String undo() {
        return "aws lambda put-function-concurrency --function-name " + function.name() + " --region "
                + function.region() + " --reserved-concurrent-executions (the value recorded as prior state)";
    }

    @Override
    public StepResult run(StepContext context) {
        if (baseline.isEmpty()) {
            return new StepResult.Skipped("no baseline of " + function.name() + ": redeploy Tourniquet to restore it");
        }
        Integer wanted = baseline.get().path("reservedConcurrentExecutions").isInt()
                ? baseline.get().path("reservedConcurrentExecutions").asInt() : null;
        Integer now = current();
        ObjectNode prior = Json.object().put("region", function.region()).put("functionName", function.name());
        prior.put("reservedConcurrentExecutions", now);
        String text = wanted == null ? "unreserved" : String.valueOf(wanted);
        if (Objects.equals(now, wanted)) {
            return new StepResult.AlreadyApplied(prior, function.name() + " has its recorded concurrency (" + text + ")");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would set the reserved concurrency of " + function.name() + " back to "
                    + text + " (now " + now + ")");
        }
        context.changing(prior);
        if (wanted == null) {
            lambda.deleteFunctionConcurrency(r -> r.functionName(function.name()));
        } else {
            lambda.putFunctionConcurrency(r -> r.functionName(function.name()).reservedConcurrentExecutions(wanted));
        }
        Verification.until("concurrency " + text + " on " + function.name(), () -> Objects.equals(current(), wanted));
        return new StepResult.Applied(prior, "set the reserved concurrency of " + function.name() + " back to " + text
                + " (was " + now + ")");
    }

    private Integer current() {
        return lambda.getFunctionConcurrency(r -> r.functionName(function.name())).reservedConcurrentExecutions();
    }
}
