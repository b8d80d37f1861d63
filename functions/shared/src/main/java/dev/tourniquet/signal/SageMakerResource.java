package dev.tourniquet.signal;

import java.util.Arrays;
import java.util.Optional;

/**
 * A SageMaker job, notebook instance or endpoint: each rents instances by the hour.
 *
 * @param kind what it is
 * @param arn  its ARN ({@code arn:aws:sagemaker:REGION:ACCOUNT:training-job/NAME} …)
 */
public record SageMakerResource(Kind kind, String arn) implements Workload {
    /**
     * The provenance type of an endpoint configuration ({@code CreateEndpointConfig}): not a workload (it rents
     * nothing), recorded for its variants' instance types, which the footprint reads for the endpoints that run it.
     */
    public static final String ENDPOINT_CONFIG = "sagemaker-endpoint-config";
    /** An endpoint record's detail: the ARN of the endpoint configuration it runs. */
    public static final String ENDPOINT_CONFIG_ARN = "endpointConfigArn";
    /** The instance count a record asked for (a job's, a notebook's; an endpoint configuration's variants'). */
    public static final String INSTANCE_COUNT = "instanceCount";

    /** The kinds, each with its provenance type and its ARN's resource word. */
    public enum Kind {
        TRAINING_JOB("sagemaker-training-job", "training-job"),
        PROCESSING_JOB("sagemaker-processing-job", "processing-job"),
        TRANSFORM_JOB("sagemaker-transform-job", "transform-job"),
        NOTEBOOK_INSTANCE("sagemaker-notebook-instance", "notebook-instance"),
        ENDPOINT("sagemaker-endpoint", "endpoint");

        private final String type;
        private final String arnResource;

        Kind(String type, String arnResource) {
            this.type = type;
            this.arnResource = arnResource;
        }

        public String type() {
            return type;
        }

        /** The word of its ARN's resource part ({@code training-job} in {@code …:training-job/NAME}). */
        public String arnResource() {
            return arnResource;
        }

        public static Optional<Kind> ofType(String type) {
            return Arrays.stream(values()).filter(k -> k.type.equals(type)).findFirst();
        }
    }

    public String name() {
        return Workload.lastName(arn);
    }

    @Override
    public String type() {
        return kind.type();
    }

    @Override
    public String describe() {
        return "SageMaker " + kind.arnResource().replace('-', ' ') + " " + name();
    }
}
