package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rules of rented compute other than functions and instances (README "Every compute a miner rents"), read from
 * {@code template.yaml} and matched by event-ruler: what creates or starts a workload reaches record-provenance, and
 * Tourniquet's chain events about a workload reach stop-workload, and only it.
 */
class WorkloadPatternTest {
    static final String WORKLOAD = "StopWorkloadFunction/";
    static final String PROVENANCE = "RecordProvenanceFunction/WorkloadProvenance";

    /** The workload samples and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail-ecs-run-task.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-training-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-processing-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-transform-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-notebook-instance.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-start-notebook-instance.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-endpoint-config.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-endpoint.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-update-endpoint.json", Set.of(PROVENANCE)),
            Map.entry("tourniquet-sweep-continued-workloads.json", Set.of(WORKLOAD + "SweepContinuedWorkloadsRule")),
            Map.entry("tourniquet-resource-of-contained-credential-workload.json",
                    Set.of(WORKLOAD + "LateWorkloadRecordRule")),
            Map.entry("tourniquet-resource-outside-footprint-workload.json", Set.of(WORKLOAD + "FootprintWorkloadRule")));

    @Test
    void lateRecordAndBreach_ofEveryWorkloadType_reachStopWorkloadOnly() {
        for (String type : dev.tourniquet.signal.Workload.TYPES) {
            ObjectNode late = SampleRoutes.sample("tourniquet-resource-of-contained-credential-workload.json");
            ((ObjectNode) late.path("detail").path("record")).put("resourceType", type);
            assertThat(SampleRoutes.matched(late, "tourniquet")).as(type)
                    .containsExactly(WORKLOAD + "LateWorkloadRecordRule");
            ObjectNode breach = SampleRoutes.sample("tourniquet-resource-outside-footprint-workload.json");
            ((ObjectNode) breach.path("detail").path("record")).put("resourceType", type);
            assertThat(SampleRoutes.matched(breach, "tourniquet")).as(type)
                    .containsExactly(WORKLOAD + "FootprintWorkloadRule");
        }
    }

    @Test
    void workloadProvenance_failedOrReadOnlyCalls_reachNoRule() {
        ObjectNode failed = SampleRoutes.sample("cloudtrail-ecs-run-task.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AccessDeniedException");
        ObjectNode read = SampleRoutes.sample("cloudtrail-ecs-run-task.json");
        ((ObjectNode) read.path("detail")).put("eventName", "DescribeTasks");
        for (ObjectNode event : List.of(failed, read)) {
            assertThat(SampleRoutes.matched(event, "default")).isEmpty();
        }
    }
}
