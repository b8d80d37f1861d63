package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.EvidenceObjects;
import dev.tourniquet.step.EvidenceStep;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Keeps a SageMaker job, notebook instance or endpoint as SageMaker describes it, in the evidence bucket: a job's
 * image, role, hyperparameters, instance type and count, input and output locations (what a person needs to judge it
 * and, a job being unresumable, to create it again); a notebook's instance type, role, lifecycle configuration and
 * network; an endpoint's and its endpoint configuration's description. Changes nothing in the account.
 *
 * <p>IAM actions: {@code sagemaker:DescribeTrainingJob}, {@code DescribeProcessingJob}, {@code DescribeTransformJob},
 * {@code DescribeNotebookInstance}, {@code DescribeEndpoint}, {@code DescribeEndpointConfig}. Undo: nothing to undo
 * (evidence is kept, locked, for the retention period).
 */
public final class CollectSageMakerEvidence extends SageMakerStep implements EvidenceStep {

    public CollectSageMakerEvidence(SageMakerClient sageMaker, SageMakerResource resource) {
        super(sageMaker, resource);
    }

    @Override
    public StepKind kind() {
        return SageMakerStepKinds.COLLECT_SAGEMAKER_EVIDENCE;
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode prior = prior();
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would store the description of " + resource.describe()
                    + " as evidence");
        }
        EvidenceObjects objects = new EvidenceObjects(context.evidence(), prior);
        ObjectNode description = describe();
        String base = "sagemaker/" + resource.kind().arnResource() + "-" + resource.name();
        objects.put(base + ".json", description);
        if (resource.kind() == SageMakerResource.Kind.ENDPOINT) {
            String config = description.path("EndpointConfigName").asText("");
            if (!config.isEmpty()) {
                SageMakerReads.endpointConfig(sageMaker, config).ifPresent(c -> objects.put(base
                        + "-endpoint-config.json", c));
            }
        }
        return new StepResult.Applied(prior, "stored " + objects.count() + " evidence object(s) of "
                + resource.describe() + " (" + SageMakerReads.status(resource.kind(), description) + ")");
    }
}
