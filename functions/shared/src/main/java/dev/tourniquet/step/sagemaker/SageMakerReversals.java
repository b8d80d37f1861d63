package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.Reversal;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The undo of the reversible SageMaker steps ({@link SageMakerStepKinds}), from their recorded prior state. */
final class SageMakerReversals {
    private SageMakerReversals() {}

    /**
     * Undoes {@code stop-notebook-instance}: starts the notebook again, once it has stopped (SageMaker starts only a
     * stopped notebook), unless it was not running before or runs already (a release run again).
     */
    static final class StartNotebookInstance implements Reversal {
        @Override
        public String release(JsonNode prior, String target, AwsClients clients) {
            String region = prior.path("region").asText();
            SageMakerClient sageMaker = SageMakerClients.sageMaker(clients, region);
            SageMakerResource notebook = new SageMakerResource(SageMakerResource.Kind.NOTEBOOK_INSTANCE, target);
            String name = prior.path("name").asText(notebook.name());
            String status = SageMakerReads.status(notebook.kind(), SageMakerReads.describe(sageMaker, notebook));
            if ("Stopping".equals(status)) {
                sageMaker.waiter().waitUntilNotebookInstanceStopped(r -> r.notebookInstanceName(name));
                status = "Stopped";
            }
            if (!"Stopped".equals(status)) {
                return "notebook instance " + name + " is " + status + ": not started again";
            }
            sageMaker.startNotebookInstance(r -> r.notebookInstanceName(name));
            return "started notebook instance " + name + " again (was " + prior.path("status").asText() + ")";
        }
    }
}
