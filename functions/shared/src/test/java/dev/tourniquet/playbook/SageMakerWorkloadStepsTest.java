package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.SageMakerResource;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.Stopping;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the workload playbook plans for each SageMaker kind a contained key created. */
class SageMakerWorkloadStepsTest {
    private static final Origin SWEEP = new Origin("c-1", "tourniquet", "Credential Contained", Optional.empty(),
            Optional.of("Credential Contained"), 0, "c-1", "123456789012", "us-west-2", Instant.EPOCH, false);

    private static WorkloadPlaybook playbook(boolean irreversible, String exempt) {
        Map<String, String> env = new HashMap<>();
        env.put("ALLOW_IRREVERSIBLE_ACTIONS", String.valueOf(irreversible));
        if (!exempt.isEmpty()) {
            env.put("EXEMPT_PRINCIPAL_ARNS", exempt);
        }
        return new WorkloadPlaybook(new AwsClients(Configuration.from(Samples.withOwnStack(env))));
    }

    private static CompromisedWorkload swept(SageMakerResource.Kind kind) {
        String arn = "arn:aws:sagemaker:us-west-2:123456789012:" + kind.arnResource() + "/miner";
        Provenance creator = new Provenance("e-1", "Create", Instant.EPOCH, "us-west-2", "123456789012", kind.type(),
                arn, Optional.of("AKIAIOSFODNN7EXAMPLE"), "arn:aws:iam::123456789012:user/deploy-bot", "IAMUser");
        return new CompromisedWorkload(SWEEP, new SageMakerResource(kind, arn), "swept", false, Optional.of(creator));
    }

    @ParameterizedTest
    @EnumSource(value = SageMakerResource.Kind.class, names = {"TRAINING_JOB", "PROCESSING_JOB", "TRANSFORM_JOB"})
    void plan_job_stopsItFirst_thenKeepsItsDescription_andSaysItCannotBeResumed(SageMakerResource.Kind kind) {
        Plan plan = playbook(false, "").plan(swept(kind));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id).containsExactly("stop-sagemaker-" + kind.arnResource(),
                "collect-sagemaker-evidence");
        assertThat(plan.steps().get(0)).isInstanceOf(Stopping.class);
        assertThat(plan.steps()).allSatisfy(s -> assertThat(s.target()).endsWith(kind.arnResource() + "/miner"));
        assertThat(plan.rationale()).contains("cannot resume");
        assertThat(plan.steps().get(0).undo()).startsWith("none: SageMaker cannot resume");
    }

    @Test
    void plan_notebook_isStoppedReversibly() {
        Plan plan = playbook(false, "").plan(swept(SageMakerResource.Kind.NOTEBOOK_INSTANCE));

        assertThat(plan.steps()).extracting(Step::id).containsExactly("stop-notebook-instance",
                "collect-sagemaker-evidence");
        assertThat(plan.steps().get(0).kind().reversibility())
                .isInstanceOf(dev.tourniquet.step.Reversibility.Reversible.class);
        assertThat(plan.steps().get(0).undo()).contains("start-notebook-instance", "miner");
    }

    @Test
    void plan_endpointWithoutIrreversibleActions_isAlertedOnly() {
        Plan plan = playbook(false, "").plan(swept(SageMakerResource.Kind.ENDPOINT));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("delete-endpoint", "AllowIrreversibleActions");
    }

    @Test
    void plan_endpointWithIrreversibleActions_keepsItsDescriptionThenDeletesIt() {
        Plan plan = playbook(true, "").plan(swept(SageMakerResource.Kind.ENDPOINT));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id).containsExactly("collect-sagemaker-evidence",
                "delete-sagemaker-endpoint");
        assertThat(plan.steps()).noneMatch(s -> s instanceof Stopping);
        assertThat(plan.steps().get(1).kind().reversibility())
                .isInstanceOf(dev.tourniquet.step.Reversibility.Irreversible.class);
    }

    @Test
    void plan_madeByAnExemptPrincipal_isRecordedOnly() {
        Plan plan = playbook(true, "arn:aws:iam::123456789012:user/deploy-bot")
                .plan(swept(SageMakerResource.Kind.TRAINING_JOB));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void plan_notebookStartedAgainWhileHeld_isStoppedAgainAndItsAuthorContained_notHeldIsRecordedOnly() {
        dev.tourniquet.signal.ContainmentUndone undone = (dev.tourniquet.signal.ContainmentUndone)
                ((dev.tourniquet.signal.ParseResult.Observed) new dev.tourniquet.signal.SignalParser().parse(
                        Samples.load("cloudtrail-sagemaker-start-notebook-instance.json"))).undone().get(0);
        String notebook = "arn:aws:sagemaker:us-west-2:123456789012:notebook-instance/data-science-nb";
        dev.tourniquet.signal.ContainmentUndone held = heldStopped(undone, notebook);

        Plan plan = playbook(false, "").plan(held);

        assertThat(playbook(false, "").takes(held)).isTrue();
        assertThat(plan.steps()).extracting(Step::id).containsExactly("stop-notebook-instance",
                "emit-credential-compromised");
        assertThat(plan.steps().get(0).target()).isEqualTo(notebook);
        assertThat(playbook(false, "").plan(undone).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }

    @Test
    void plan_heldNotebookReportedInServiceBySageMaker_isStoppedAgain_noAuthorContained() {
        dev.tourniquet.signal.ContainmentUndone undone = ((dev.tourniquet.signal.ParseResult.InService)
                new dev.tourniquet.signal.SignalParser().parse(Samples.load(
                        "sagemaker-notebook-instance-in-service.json"))).undone();
        String notebook = "arn:aws:sagemaker:us-west-2:123456789012:notebook-instance/research-nb";
        dev.tourniquet.signal.ContainmentUndone held = heldStopped(undone, notebook);

        Plan plan = playbook(false, "").plan(held);

        assertThat(playbook(false, "").takes(held)).isTrue();
        assertThat(plan.steps()).extracting(Step::id).containsExactly("stop-notebook-instance");
        assertThat(plan.steps().get(0).target()).isEqualTo(notebook);
        assertThat(plan.rationale()).contains("sagemaker.amazonaws.com").contains("an AWS service");
    }

    // The change as the notebook's holding incident (its applied stop) makes it reach the playbook.
    private static dev.tourniquet.signal.ContainmentUndone heldStopped(dev.tourniquet.signal.ContainmentUndone undone,
                                                                      String notebook) {
        return undone.withHold(new dev.tourniquet.signal.ContainmentUndone.Hold(java.util.List.of(
                new dev.tourniquet.signal.ContainmentUndone.HeldStep("inc-1", "stop-notebook-instance", notebook,
                        null))));
    }
}
