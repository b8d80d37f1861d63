package dev.tourniquet.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class StepRunnerTest {
    private static final StepContext CONTEXT = new StepContext("inc-test", Mode.ENFORCE, Instant.now(), null);

    private static Step step(String id, Function<StepContext, StepResult> body) {
        return new Step() {
            public StepKind kind() {
                return StepKind.irreversible(id, List.of("test:Nothing"), "a test step changes nothing");
            }

            public String target() {
                return "target-" + id;
            }

            public String undo() {
                return "nothing";
            }

            public StepResult run(StepContext context) {
                return body.apply(context);
            }
        };
    }

    @Test
    void run_aFailingStep_doesNotStopTheOthers() {
        AwsServiceException throttled = AwsServiceException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build();
        List<StepRunner.StepOutcome> outcomes = new StepRunner().run(List.of(
                step("first", c -> { throw throttled; }),
                step("second", c -> new StepResult.Applied(Json.object(), "done"))), CONTEXT);

        assertThat(outcomes).extracting(o -> o.result().word()).containsExactly("failed", "applied");
        assertThat(((StepResult.Failed) outcomes.get(0).result()).failure().kind()).isEqualTo(Failure.Kind.TRANSIENT);
    }

    @Test
    void run_aStepFailingAfterItStartedItsChange_keepsThePriorStateItRead() {
        RuntimeException lost = new IllegalStateException("answer lost");
        List<StepRunner.StepOutcome> outcomes = new StepRunner().run(List.of(
                step("changing", c -> {
                    c.changing(Json.object().put("status", "Active"));
                    throw lost;
                }),
                step("reading", c -> { throw lost; })), CONTEXT);

        assertThat(((StepResult.Failed) outcomes.get(0).result()).prior().path("status").asText()).isEqualTo("Active");
        assertThat(((StepResult.Failed) outcomes.get(1).result()).prior()).as("nothing started").isNull();
    }
}
