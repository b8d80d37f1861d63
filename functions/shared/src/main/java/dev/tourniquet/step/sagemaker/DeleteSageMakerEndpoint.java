package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.ResourceGoneException;
import dev.tourniquet.internal.Verification;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Deletes a SageMaker endpoint a compromised credential created, only where {@code AllowIrreversibleActions} is set:
 * an instance-based endpoint cannot be scaled below one instance per variant
 * ({@code UpdateEndpointWeightsAndCapacities} takes a desired count of 1 or more; only serverless and inference-component
 * endpoints scale to zero), so deleting it is the one call that ends its spend. The endpoint configuration is left in
 * place and its description recorded in the prior state, so the endpoint can be created again as it was.
 *
 * <p>Not a {@link dev.tourniquet.step.Stopping} step: a sweep's first phase would delete it before its description is
 * kept, which cannot be read once it is gone; its full run keeps the description first, then deletes it.
 *
 * <p>IAM actions: {@code sagemaker:DescribeEndpoint}, {@code sagemaker:DescribeEndpointConfig},
 * {@code sagemaker:DeleteEndpoint}. Undo: none by release (see {@link #undo()}).
 */
public final class DeleteSageMakerEndpoint extends SageMakerStep {

    public DeleteSageMakerEndpoint(SageMakerClient sageMaker, SageMakerResource endpoint) {
        super(sageMaker, endpoint);
        if (endpoint.kind() != SageMakerResource.Kind.ENDPOINT) {
            throw new IllegalArgumentException("not an endpoint: " + endpoint.arn());
        }
    }

    @Override
    public StepKind kind() {
        return SageMakerStepKinds.DELETE_SAGEMAKER_ENDPOINT;
    }

    @Override
    public String undo() {
        return "aws sagemaker create-endpoint --region " + resource.region() + " --endpoint-name " + resource.name()
                + " --endpoint-config-name with the configuration recorded in the incident's prior state (create the"
                + " configuration first from the recorded description if it was deleted since)";
    }

    @Override
    public StepResult run(StepContext context) {
        ObjectNode description;
        try {
            description = describe();
        } catch (ResourceGoneException e) {
            // Deleted by an earlier attempt whose answer was lost (its prior state recorded then), or by a person.
            return new StepResult.AlreadyApplied(prior().put("status", "absent"), resource.describe()
                    + " no longer exists");
        }
        String status = SageMakerReads.status(resource.kind(), description);
        ObjectNode prior = prior().put("status", status);
        String configName = description.path("EndpointConfigName").asText("");
        prior.put("endpointConfigName", configName);
        if (description.has("ProductionVariants")) {
            prior.set("productionVariants", description.get("ProductionVariants"));
        }
        if (!configName.isEmpty()) {
            SageMakerReads.endpointConfig(sageMaker, configName).ifPresent(c -> prior.set("endpointConfig", c));
        }
        if ("Deleting".equals(status)) {
            return new StepResult.AlreadyApplied(prior, resource.describe() + " is already being deleted");
        }
        if (context.planOnly()) {
            return new StepResult.Planned(prior, "would delete " + resource.describe() + " (" + status
                    + "), keeping its endpoint configuration " + configName);
        }
        context.changing(prior);
        sageMaker.deleteEndpoint(r -> r.endpointName(resource.name()));
        Verification.until(resource.describe() + " deleting", () -> {
            try {
                return "Deleting".equals(status());
            } catch (ResourceGoneException e) {
                return true;
            }
        });
        return new StepResult.Applied(prior, "deleted " + resource.describe() + " (was " + status
                + "); its endpoint configuration " + configName + " is kept and recorded, to create it again");
    }
}
