package dev.tourniquet.signal;

import java.util.Arrays;
import java.util.Optional;

/**
 * An AWS Batch compute environment, job queue or job.
 *
 * @param kind what it is
 * @param arn  its ARN ({@code arn:aws:batch:REGION:ACCOUNT:compute-environment/NAME}, {@code …:job-queue/NAME},
 *             {@code …:job/ID})
 */
public record BatchResource(Kind kind, String arn) implements Workload {

    /** The kinds, each with its provenance type. */
    public enum Kind {
        COMPUTE_ENVIRONMENT("batch-compute-environment"),
        JOB_QUEUE("batch-job-queue"),
        JOB("batch-job");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }

        public static Optional<Kind> ofType(String type) {
            return Arrays.stream(values()).filter(k -> k.type.equals(type)).findFirst();
        }
    }

    /** The name (an environment's or queue's) or id (a job's) the ARN ends with. */
    public String name() {
        return Workload.lastName(arn);
    }

    @Override
    public String type() {
        return kind.type();
    }

    @Override
    public String describe() {
        return "Batch " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + name();
    }
}
