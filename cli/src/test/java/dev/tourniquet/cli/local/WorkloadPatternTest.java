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
    static final String ECS_FINDING = WORKLOAD + "GuardDutyEcsFindingRule";
    static final String ECS_UNDONE = WORKLOAD + "ContainmentUndoneEcsRule";

    /** The workload samples and their rules, merged into {@link RulePatternTest#EXPECTED}. */
    static final Map<String, Set<String>> EXPECTED = Map.ofEntries(
            Map.entry("cloudtrail-ecs-run-task.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-ecs-create-service.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-ecs-register-task-definition.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-ecs-update-service.json", Set.of(PROVENANCE, ECS_UNDONE)),
            Map.entry("guardduty-ecs-cryptominer-executed.json", Set.of(ECS_FINDING)),
            Map.entry("guardduty-ecs-reverse-shell.json", Set.of(ECS_FINDING)),
            Map.entry("guardduty-container-reverse-shell-no-task.json", Set.of(ECS_FINDING)),
            Map.entry("cloudtrail-codebuild-create-project.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-codebuild-start-build.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-codebuild-start-build-batch.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-batch-create-compute-environment.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-batch-create-job-queue.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-batch-submit-job.json", Set.of(PROVENANCE)),
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

    @Test
    void ecsFinding_onAnotherResourceOrOfANonRuntimeFamily_reachesNoEcsRule() {
        ObjectNode instance = SampleRoutes.sample("guardduty-ecs-cryptominer-executed.json");
        ((ObjectNode) instance.path("detail").path("resource")).put("resourceType", "Instance");
        assertThat(SampleRoutes.matched(instance, "default")).doesNotContain(ECS_FINDING);
        ObjectNode notRuntime = SampleRoutes.sample("guardduty-ecs-reverse-shell.json");
        ((ObjectNode) notRuntime.path("detail")).put("type", "Policy:S3/BucketAnonymousAccessGranted");
        assertThat(SampleRoutes.matched(notRuntime, "default")).isEmpty();
    }

    @Test
    void ecsFinding_ofLowSeverity_stillReachesStopWorkload() {
        ObjectNode low = SampleRoutes.sample("guardduty-ecs-reverse-shell.json");
        ((ObjectNode) low.path("detail")).put("severity", 2);
        assertThat(SampleRoutes.matched(low, "default")).containsExactly(ECS_FINDING);
    }

    @Test
    void updateService_toZeroOrFailed_isProvenanceOnlyOrNothing() {
        ObjectNode toZero = SampleRoutes.sample("cloudtrail-ecs-update-service.json");
        ((ObjectNode) toZero.path("detail").path("requestParameters")).put("desiredCount", 0);
        assertThat(SampleRoutes.matched(toZero, "default")).containsExactly(PROVENANCE);
        ObjectNode noCount = SampleRoutes.sample("cloudtrail-ecs-update-service.json");
        ((ObjectNode) noCount.path("detail").path("requestParameters")).remove("desiredCount");
        assertThat(SampleRoutes.matched(noCount, "default")).containsExactly(PROVENANCE);
        ObjectNode failed = SampleRoutes.sample("cloudtrail-ecs-update-service.json");
        ((ObjectNode) failed.path("detail")).put("errorCode", "AccessDeniedException");
        assertThat(SampleRoutes.matched(failed, "default")).isEmpty();
    }
}
