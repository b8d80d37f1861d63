package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.signal.Workload;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.Stopping;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a CodeBuild or Batch workload's plan does, decided offline from the samples' records (clients never called). */
class BuildBatchWorkloadStepsTest {
    private static final Origin SWEEP = new Origin("chain-1", "tourniquet", "Credential Contained", Optional.of("inc-c"),
            Optional.empty(), 0, "", "123456789012", "ap-southeast-1", Instant.parse("2026-11-20T03:30:00Z"), false);

    private static Provenance record(String sample) {
        return ((ParseResult.Observed) new SignalParser().parse(Samples.load(sample))).records().get(0);
    }

    private static Plan plan(Provenance creator, boolean irreversible) {
        AwsClients clients = new AwsClients(Configuration.from(Samples.withOwnStack(irreversible
                ? Map.of("ALLOW_IRREVERSIBLE_ACTIONS", "true") : Map.of())));
        CompromisedWorkload workload = new CompromisedWorkload(SWEEP, Workload.of(creator).orElseThrow(),
                creator.eventName() + " by contained credential", false, Optional.of(creator));
        return new WorkloadPlaybook(clients).plan(workload);
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    private static Provenance as(Provenance record, String eventName, Map<String, String> details) {
        return new Provenance(record.eventId(), eventName, record.time(), record.region(), record.accountId(),
                record.resourceType(), record.resourceId(), record.accessKeyId(), record.principalArn(),
                record.principalType(), details);
    }

    @Test
    void plan_buildTheKeyStarted_stopsThatBuildFirst_thenKeepsEvidence() {
        Plan plan = plan(record("cloudtrail-codebuild-start-build.json"), false);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(ids(plan)).containsExactly("stop-build", "collect-build-evidence", "cut-rules-starting-workload",
                "disable-schedules-starting-workload");
        assertThat(plan.steps().get(0)).isInstanceOf(Stopping.class);
        assertThat(plan.steps().get(0).target()).isEqualTo("ci-cache-warmup:8f2e6c1a-4b7d-4e3f-9a1c-5d7e9f1b3c5d");
    }

    @Test
    void plan_batchTheKeyStarted_stopsThatBatchFirst_thenKeepsEvidence() {
        Plan plan = plan(record("cloudtrail-codebuild-start-build-batch.json"), false);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(ids(plan)).containsExactly("stop-build-batch", "collect-build-batch-evidence",
                "cut-rules-starting-workload", "disable-schedules-starting-workload");
        assertThat(plan.steps().get(0)).isInstanceOf(Stopping.class);
        assertThat(plan.steps().get(0).target()).isEqualTo("ci-cache-warmup:5a7c9e1b-3d5f-4a7c-9e1b-3d5f7a9c1e3b");
        assertThat(plan.steps().get(0).permissions()).contains("codebuild:StopBuildBatch");
    }

    @Test
    void plan_projectTheKeyCreated_stopsItsRunningBuildsThroughTheProject() {
        Plan plan = plan(record("cloudtrail-codebuild-create-project.json"), false);

        assertThat(ids(plan)).containsExactly("stop-project-builds", "collect-build-evidence",
                "cut-rules-starting-workload", "disable-schedules-starting-workload");
        assertThat(plan.steps().get(0).target()).isEqualTo("ci-cache-warmup");
    }

    @Test
    void plan_ownersProjectTheKeyOnlyChanged_stopsNoBuildOfIt_keepsEvidence() {
        Provenance update = as(record("cloudtrail-codebuild-create-project.json"), "UpdateProject", Map.of());

        Plan plan = plan(update, false);

        assertThat(ids(plan)).containsExactly("collect-build-evidence");
        assertThat(plan.rationale()).contains("owner's", "not stopped");
    }

    @Test
    void plan_computeEnvironmentTheKeyCreated_isDisabledFirst_reversibly() {
        Plan plan = plan(record("cloudtrail-batch-create-compute-environment.json"), false);

        assertThat(ids(plan)).containsExactly("disable-compute-environment", "collect-batch-evidence");
        assertThat(plan.steps().get(0)).isInstanceOf(Stopping.class);
        assertThat(dev.tourniquet.flow.StepCatalog.known().reversal("disable-compute-environment")).isPresent();
    }

    @Test
    void plan_ownersEnvironmentTheKeyOnlyResized_isNotDisabled() {
        Provenance resized = as(record("cloudtrail-batch-create-compute-environment.json"), "UpdateComputeEnvironment",
                Map.of("maxvCpus", "4096"));

        assertThat(ids(plan(resized, false))).containsExactly("collect-batch-evidence");
    }

    @Test
    void plan_environmentTheKeyPointedAtOtherInstanceTypes_isDisabled() {
        Provenance created = record("cloudtrail-batch-create-compute-environment.json");
        Provenance retyped = as(created, "UpdateComputeEnvironment", new HashMap<>(created.details()));

        assertThat(ids(plan(retyped, false))).containsExactly("disable-compute-environment", "collect-batch-evidence");
    }

    @Test
    void plan_jobQueueTheKeyCreated_isDisabled() {
        assertThat(ids(plan(record("cloudtrail-batch-create-job-queue.json"), false)))
                .containsExactly("disable-job-queue", "collect-batch-evidence", "cut-rules-starting-workload",
                        "disable-schedules-starting-workload");
        assertThat(dev.tourniquet.flow.StepCatalog.known().reversal("disable-job-queue")).isPresent();
    }

    @Test
    void plan_jobWithoutIrreversibleActions_isLeftRunning_andTheAlertSaysSo() {
        Plan plan = plan(record("cloudtrail-batch-submit-job.json"), false);

        assertThat(ids(plan)).containsExactly("collect-batch-evidence");
        assertThat(plan.rationale()).contains("LEFT RUNNING", "AllowIrreversibleActions is off",
                "aws batch terminate-job");
    }

    @Test
    void plan_jobWithIrreversibleActions_isTerminatedLast_afterTheEvidence() {
        Plan plan = plan(record("cloudtrail-batch-submit-job.json"), true);

        assertThat(ids(plan)).containsExactly("collect-batch-evidence", "terminate-job");
        assertThat(plan.steps().get(1).target()).isEqualTo("4c6e8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c");
        assertThat(dev.tourniquet.flow.StepCatalog.known().reversal("terminate-job")).isEmpty();
    }

    @Test
    void plan_workloadMadeByAnExemptPrincipal_isRecordedOnly() {
        AwsClients clients = new AwsClients(Configuration.from(Samples.withOwnStack(Map.of(
                "EXEMPT_PRINCIPAL_ARNS", "arn:aws:iam::123456789012:user/deploy-bot"))));
        Provenance start = record("cloudtrail-codebuild-start-build.json");

        Plan plan = new WorkloadPlaybook(clients).plan(new CompromisedWorkload(SWEEP, Workload.of(start).orElseThrow(),
                "StartBuild", false, Optional.of(start)));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_environmentAndQueueEnabledAgainWhileHeld_areDisabledAgainAndTheirAuthorContained() {
        Map<String, String> samples = Map.of(
                "cloudtrail-batch-update-compute-environment.json", "disable-compute-environment",
                "cloudtrail-batch-update-job-queue.json", "disable-job-queue");
        samples.forEach((sample, step) -> {
            dev.tourniquet.signal.ContainmentUndone undone = (dev.tourniquet.signal.ContainmentUndone)
                    ((ParseResult.Observed) new SignalParser().parse(Samples.load(sample))).undone().get(0);
            dev.tourniquet.signal.ContainmentUndone held = undone.withHold(new dev.tourniquet.signal.ContainmentUndone
                    .Hold(List.of(new dev.tourniquet.signal.ContainmentUndone.HeldStep("inc-1", step,
                    undone.resource(), null))));
            WorkloadPlaybook playbook = new WorkloadPlaybook(new AwsClients(Configuration.from(
                    Samples.withOwnStack(Map.of()))));

            Plan plan = playbook.plan(held);

            assertThat(playbook.takes(held)).as(sample).isTrue();
            assertThat(ids(plan)).as(sample).containsExactly(step, "emit-credential-compromised");
            assertThat(plan.steps().get(0).target()).isEqualTo(undone.resource());
            assertThat(playbook.plan(undone).decision()).as(sample + " not held").isEqualTo(Plan.Decision.RECORD_ONLY);
        });
    }

    @Test
    void plan_queueEnabledAgain_doesNotUndoAHeldEnvironment_recordedOnly() {
        dev.tourniquet.signal.ContainmentUndone undone = (dev.tourniquet.signal.ContainmentUndone)
                ((ParseResult.Observed) new SignalParser().parse(Samples.load("cloudtrail-batch-update-job-queue.json")))
                        .undone().get(0);
        dev.tourniquet.signal.ContainmentUndone held = undone.withHold(new dev.tourniquet.signal.ContainmentUndone
                .Hold(List.of(new dev.tourniquet.signal.ContainmentUndone.HeldStep("inc-1",
                "collect-batch-evidence", undone.resource(), null))));

        assertThat(new WorkloadPlaybook(new AwsClients(Configuration.from(Samples.withOwnStack(Map.of()))))
                .plan(held).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }
}
