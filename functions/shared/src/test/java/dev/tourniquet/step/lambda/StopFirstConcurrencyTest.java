package dev.tourniquet.step.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Mode;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;

/** Reserved concurrency 0 as a sweep's first phase makes it: one control-plane call, the prior read by GetFunction. */
class StopFirstConcurrencyTest {
    private static final FunctionArn ARN = FunctionArn.parse("arn:aws:lambda:us-west-2:123456789012:function:xmrig")
            .orElseThrow();

    /** A function whose reserved concurrency GetFunction reports (null: left out, as for an unreserved one). */
    private static final class Function implements LambdaClient {
        final Integer reserved;
        final List<String> calls = new ArrayList<>();

        Function(Integer reserved) {
            this.reserved = reserved;
        }

        @Override
        public GetFunctionResponse getFunction(GetFunctionRequest request) {
            calls.add("GetFunction");
            return GetFunctionResponse.builder().concurrency(reserved == null ? null
                    : software.amazon.awssdk.services.lambda.model.Concurrency.builder()
                    .reservedConcurrentExecutions(reserved).build()).build();
        }

        @Override
        public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
            calls.add("PutFunctionConcurrency=" + request.reservedConcurrentExecutions());
            return PutFunctionConcurrencyResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "lambda";
        }

        @Override
        public void close() {
        }
    }

    private static StepContext context(Mode mode) {
        return new StepContext("inc-1", mode, java.time.Instant.EPOCH, null);
    }

    @Test
    void stopFirst_unreserved_oneCallToZero_priorUnreserved() {
        Function lambda = new Function(null);
        SetReservedConcurrencyZero step = new SetReservedConcurrencyZero(lambda, ARN);

        StepResult result = step.stopFirst(context(Mode.ENFORCE));

        assertThat(lambda.calls).containsExactly("GetFunction", "PutFunctionConcurrency=0");
        assertThat(((StepResult.Applied) result).prior().path("reservedConcurrentExecutions").isNull()).isTrue();
        assertThat(step.undo()).startsWith("aws lambda delete-function-concurrency");
    }

    @Test
    void stopFirst_reserved_recordsTheValueItPutsBack() {
        Function lambda = new Function(7);
        SetReservedConcurrencyZero step = new SetReservedConcurrencyZero(lambda, ARN);

        StepResult result = step.stopFirst(context(Mode.ENFORCE));

        assertThat(((StepResult.Applied) result).prior().path("reservedConcurrentExecutions").asInt()).isEqualTo(7);
        assertThat(step.undo()).contains("put-function-concurrency", "--reserved-concurrent-executions 7");
    }

    @Test
    void stopFirst_alreadyZero_orPlanMode_changesNothing() {
        Function zero = new Function(0);
        Function planned = new Function(null);

        assertThat(new SetReservedConcurrencyZero(zero, ARN).stopFirst(context(Mode.ENFORCE)))
                .isInstanceOf(StepResult.AlreadyApplied.class);
        assertThat(new SetReservedConcurrencyZero(planned, ARN).stopFirst(context(Mode.PLAN)))
                .isInstanceOf(StepResult.Planned.class);
        assertThat(zero.calls).containsExactly("GetFunction");
        assertThat(planned.calls).containsExactly("GetFunction");
    }
}
