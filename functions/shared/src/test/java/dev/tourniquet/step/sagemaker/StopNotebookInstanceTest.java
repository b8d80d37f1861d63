package dev.tourniquet.step.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.internal.NotYetConsistentException;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceStatus;
import software.amazon.awssdk.services.sagemaker.model.StopNotebookInstanceRequest;
import software.amazon.awssdk.services.sagemaker.model.StopNotebookInstanceResponse;

/** A notebook started again is stopped again; one still Pending cannot be yet, and fails as transient (retried). */
class StopNotebookInstanceTest {
    private static final SageMakerResource NOTEBOOK = new SageMakerResource(SageMakerResource.Kind.NOTEBOOK_INSTANCE,
            "arn:aws:sagemaker:us-west-2:123456789012:notebook-instance/research-nb");

    private static StepContext enforce() {
        return new StepContext("inc-1", Mode.ENFORCE, Instant.EPOCH, null);
    }

    /** One notebook in a status; a stop call moves it to Stopping. */
    private static final class Notebook implements SageMakerClient {
        NotebookInstanceStatus status;
        final List<String> stops = new ArrayList<>();

        Notebook(NotebookInstanceStatus status) {
            this.status = status;
        }

        @Override
        public DescribeNotebookInstanceResponse describeNotebookInstance(DescribeNotebookInstanceRequest request) {
            return DescribeNotebookInstanceResponse.builder().notebookInstanceName(request.notebookInstanceName())
                    .notebookInstanceArn(NOTEBOOK.arn()).notebookInstanceStatus(status).build();
        }

        @Override
        public StopNotebookInstanceResponse stopNotebookInstance(StopNotebookInstanceRequest request) {
            stops.add(request.notebookInstanceName());
            status = NotebookInstanceStatus.STOPPING;
            return StopNotebookInstanceResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sagemaker";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void run_inService_stopsIt() {
        Notebook sageMaker = new Notebook(NotebookInstanceStatus.IN_SERVICE);

        StepResult result = new StopNotebookInstance(sageMaker, NOTEBOOK).run(enforce());

        assertThat(result).isInstanceOf(StepResult.Applied.class);
        assertThat(sageMaker.stops).containsExactly("research-nb");
    }

    @Test
    void run_pending_callsNothing_andFailsAsTransient() {
        Notebook sageMaker = new Notebook(NotebookInstanceStatus.PENDING);

        StepContext context = enforce();

        assertThatThrownBy(() -> new StopNotebookInstance(sageMaker, NOTEBOOK).run(context))
                .isInstanceOfSatisfying(NotYetConsistentException.class,
                        e -> assertThat(Failure.classify(e).retryable()).isTrue());
        assertThat(sageMaker.stops).isEmpty();
        assertThat(context.changing().get()).as("no change started").isNull();
    }

    @Test
    void run_pendingInPlanMode_isPlanned() {
        Notebook sageMaker = new Notebook(NotebookInstanceStatus.PENDING);

        assertThat(new StopNotebookInstance(sageMaker, NOTEBOOK).run(new StepContext("inc-1", Mode.PLAN,
                Instant.EPOCH, null))).isInstanceOf(StepResult.Planned.class);
        assertThat(sageMaker.stops).isEmpty();
    }
}
