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
    /** A contained workload started or enabled again: an ECS service, a SageMaker notebook, a Batch environment or queue. */
    static final String ECS_UNDONE = WORKLOAD + "ContainmentUndoneEcsRule";
    /** SageMaker's report of a notebook in service. */
    static final String NOTEBOOK_IN_SERVICE = WORKLOAD + "NotebookInServiceRule";

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
            Map.entry("cloudtrail-batch-update-compute-environment.json", Set.of(PROVENANCE, ECS_UNDONE)),
            Map.entry("cloudtrail-batch-update-job-queue.json", Set.of(PROVENANCE, ECS_UNDONE)),
            Map.entry("cloudtrail-sagemaker-create-training-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-processing-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-transform-job.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-notebook-instance.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-start-notebook-instance.json", Set.of(PROVENANCE, ECS_UNDONE)),
            Map.entry("cloudtrail-sagemaker-create-endpoint-config.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-create-endpoint.json", Set.of(PROVENANCE)),
            Map.entry("cloudtrail-sagemaker-update-endpoint.json", Set.of(PROVENANCE)),
            Map.entry("sagemaker-notebook-instance-in-service.json", Set.of(NOTEBOOK_IN_SERVICE)),
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

    @Test
    void batchEnabledAgainOrGivenVcpus_reachesTheUndoneRule_disablingFailingOrCrossedCallsDoNot() {
        String environment = "cloudtrail-batch-update-compute-environment.json";
        String queue = "cloudtrail-batch-update-job-queue.json";
        String notebook = "cloudtrail-sagemaker-start-notebook-instance.json";
        for (ObjectNode event : List.of(changed(environment, "requestParameters", r -> r.remove("state")),
                changed(environment, "requestParameters", r -> r.remove("computeResources")))) {
            assertThat(SampleRoutes.matched(event, "default")).contains(ECS_UNDONE);
        }
        // Tourniquet's own direction (disabled at 0 vCPUs, a queue disabled), a queue's other change, a call that
        // failed, and a start named by another service's source.
        for (ObjectNode event : List.of(changed(environment, "requestParameters", r -> {
                    r.put("state", "DISABLED");
                    ((ObjectNode) r.path("computeResources")).put("minvCpus", 0).put("maxvCpus", 0);
                }), changed(queue, "requestParameters", r -> r.put("state", "DISABLED")),
                changed(queue, "requestParameters", r -> r.remove("state")),
                changed(notebook, "", d -> d.put("errorCode", "ValidationException")),
                changed(notebook, "", d -> d.put("eventSource", "batch.amazonaws.com")))) {
            assertThat(SampleRoutes.matched(event, "default")).doesNotContain(ECS_UNDONE);
        }
    }

    @Test
    void notebookState_otherThanInService_orAnotherSageMakerEvent_reachesNoRule() {
        for (String status : List.of("Pending", "Stopping", "Stopped", "Failed", "Deleting", "Updating")) {
            ObjectNode event = changed("sagemaker-notebook-instance-in-service.json", "",
                    d -> d.put("NotebookInstanceStatus", status));
            assertThat(SampleRoutes.matched(event, "default")).as(status).isEmpty();
        }
        ObjectNode training = SampleRoutes.sample("sagemaker-notebook-instance-in-service.json");
        training.put("detail-type", "SageMaker Training Job State Change");
        assertThat(SampleRoutes.matched(training, "default")).isEmpty();
    }

    // The sample with its detail (or a member of it) changed.
    private static ObjectNode changed(String sample, String member, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode event = SampleRoutes.sample(sample);
        change.accept((ObjectNode) event.at("/detail" + (member.isEmpty() ? "" : "/" + member)));
        return event;
    }
}
