package dev.tourniquet.step.triggers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.step.Step;

/**
 * What the trigger cuts share: the contained workload (its ARN is the target, so that its incident holds the cut and
 * its release undoes it), what would start it again, and Tourniquet's own resources, never cut.
 */
abstract class TriggerStep implements Step {
    protected final String workloadArn;
    protected final WorkloadStarts starts;
    protected final OwnStack own;
    /** The one rule or schedule (its ARN) to cut, when the trigger itself is the incident's; else every one. */
    protected final java.util.Optional<String> only;

    TriggerStep(String workloadArn, WorkloadStarts starts, OwnStack own) {
        this(workloadArn, starts, own, java.util.Optional.empty());
    }

    TriggerStep(String workloadArn, WorkloadStarts starts, OwnStack own, java.util.Optional<String> only) {
        this.workloadArn = workloadArn;
        this.starts = starts;
        this.own = own;
        this.only = only;
    }

    private java.util.function.Supplier<java.util.List<WorkloadStarts>> via = java.util.List::of;
    private java.util.List<WorkloadStarts> every;

    /**
     * Also the rules and schedules that start what starts the workload: the CodePipeline pipelines that build a
     * contained CodeBuild project ({@link PipelinesBuilding}), read when the step runs.
     */
    public Step alsoVia(software.amazon.awssdk.services.codepipeline.CodePipelineClient pipelines) {
        this.via = () -> PipelinesBuilding.of(pipelines, starts);
        return this;
    }

    /** What the cut looks for: the workload's own start, then each pipeline that builds it (read once per run). */
    protected java.util.List<WorkloadStarts> everyStart() {
        if (every == null) {
            java.util.List<WorkloadStarts> all = new java.util.ArrayList<>(java.util.List.of(starts));
            all.addAll(via.get());
            every = java.util.List.copyOf(all);
        }
        return every;
    }

    /** Whether a rule or schedule of this ARN is within the cut ({@link #only}). */
    protected boolean within(String arn) {
        return only.isEmpty() || only.get().equals(arn);
    }

    @Override
    public String target() {
        return workloadArn;
    }

    /** The prior state starts with the workload and its region: a release finds the rules and schedules there. */
    protected ObjectNode prior() {
        return Json.object().put("workloadArn", workloadArn).put("region", starts.region())
                .put("starts", starts.describe()).put("service", starts.service()).put("targetArn", starts.targetArn())
                .put("name", starts.name()).put("family", starts.family()).put("only", only.orElse(""));
    }
}
