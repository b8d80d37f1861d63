package dev.tourniquet.step.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.Step;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What every step on one SageMaker resource shares: the resource, its region's client, and a prior state that starts
 * with its ARN, region and name (a release needs them to find it again).
 */
abstract class SageMakerStep implements Step {
    protected final SageMakerClient sageMaker;
    protected final SageMakerResource resource;

    SageMakerStep(SageMakerClient sageMaker, SageMakerResource resource) {
        this.sageMaker = sageMaker;
        this.resource = resource;
    }

    @Override
    public String target() {
        return resource.arn();
    }

    protected ObjectNode prior() {
        return Json.object().put("arn", resource.arn()).put("region", resource.region()).put("name", resource.name());
    }

    /** The resource as SageMaker describes it now. */
    protected ObjectNode describe() {
        return SageMakerReads.describe(sageMaker, resource);
    }

    protected String status() {
        return SageMakerReads.status(resource.kind(), describe());
    }
}
