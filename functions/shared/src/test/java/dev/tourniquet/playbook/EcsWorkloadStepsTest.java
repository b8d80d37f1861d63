package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.EcsTask;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.ParseResult;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalParser;
import dev.tourniquet.step.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What contains an ECS task or service: decided offline, clients never called. */
class EcsWorkloadStepsTest {
    private static final AwsClients CLIENTS = new AwsClients(Configuration.from(Samples.withOwnStack(Map.of())));
    private static final String SERVICE = "arn:aws:ecs:ap-southeast-1:123456789012:service/default/xmrig-svc";
    private static final Origin SWEEP = new Origin("chain", "tourniquet", "Credential Contained",
            Optional.of("inc-1"), Optional.empty(), 0, "", "123456789012", "ap-southeast-1", Instant.EPOCH, false);

    private static Plan plan(Signal signal) {
        return new WorkloadPlaybook(CLIENTS).plan(signal);
    }

    private static Signal finding(String sample) {
        return ((ParseResult.Signals) new SignalParser().parse(Samples.load(sample))).signals().get(0);
    }

    private static List<String> ids(Plan plan) {
        return plan.steps().stream().map(Step::id).toList();
    }

    @Test
    void plan_minerOfAService_scalesTheServiceFirstThenStopsTheTaskAndKeepsEvidence() {
        Plan plan = plan(finding("guardduty-ecs-cryptominer-executed.json"));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(ids(plan)).containsExactly("scale-service-to-zero", "stop-task", "collect-task-evidence");
        assertThat(plan.steps().get(0).target()).isEqualTo(SERVICE);
        assertThat(plan.steps().get(1).target()).endsWith("task/default/9b2e4c6a8d0f4b1e8c3a5d7f9b1e3c5a");
        assertThat(plan.rationale()).contains("mines", "xmrig-svc scaled to 0");
    }

    @Test
    void plan_reverseShell_stopsTheTaskRevokesItsSessionAndLeavesTheOwnersService() {
        Plan plan = plan(finding("guardduty-ecs-reverse-shell.json"));

        assertThat(ids(plan)).containsExactly("stop-task", "collect-task-evidence", "revoke-task-role-session");
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.target()).contains(":task/default/3c5e7a9b"));
        assertThat(plan.rationale()).contains("role session revoked", "web-api is left running");
    }

    @Test
    void plan_minerOfAStandaloneTask_stopsOnlyThatTask() {
        ObjectNode event = Samples.load("guardduty-ecs-cryptominer-executed.json");
        ((ObjectNode) event.at("/detail/resource/ecsClusterDetails/taskDetails")).put("group", "family:xmrig");

        assertThat(ids(plan(((ParseResult.Signals) new SignalParser().parse(event)).signals().get(0))))
                .containsExactly("stop-task", "collect-task-evidence");
    }

    @Test
    void plan_taskTheKeyRan_isStoppedWithEvidenceAndNoSessionRevoked() {
        EcsTask task = new EcsTask("arn:aws:ecs:ap-southeast-1:123456789012:task/default/5f2b", "default",
                Optional.of("family:xmrig"), Optional.empty());

        assertThat(ids(plan(new CompromisedWorkload(SWEEP, task, "RunTask by a contained key", false,
                Optional.empty())))).containsExactly("stop-task", "collect-task-evidence");
    }

    @Test
    void plan_serviceTheKeyCreated_isScaledToZeroAndItsOwnTasksStopped() {
        Plan plan = plan(new CompromisedWorkload(SWEEP, new EcsService(SERVICE, ""), "CreateService by a contained key",
                false, Optional.empty()));

        assertThat(ids(plan)).containsExactly("scale-service-to-zero", "stop-service-tasks");
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.target()).isEqualTo(SERVICE));
    }

    @Test
    void plan_sampleFinding_isRecordedOnly() {
        ObjectNode event = Samples.load("guardduty-ecs-cryptominer-executed.json");
        ((ObjectNode) event.at("/detail/service/additionalInfo")).put("sample", true);

        Plan plan = plan(((ParseResult.Signals) new SignalParser().parse(event)).signals().get(0));

        assertThat(plan.decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
        assertThat(plan.steps()).isEmpty();
    }

    @Test
    void plan_serviceScaledUpAgainWhileHeld_isScaledToZeroAgainAndItsAuthorContained() {
        ContainmentUndone undone = (ContainmentUndone) ((ParseResult.Observed) new SignalParser().parse(
                Samples.load("cloudtrail-ecs-update-service.json"))).undone().get(0);
        ContainmentUndone held = undone.withHold(new ContainmentUndone.Hold(List.of(new ContainmentUndone.HeldStep(
                "inc-1", "scale-service-to-zero", SERVICE, null))));

        Plan plan = plan(held);

        assertThat(new WorkloadPlaybook(CLIENTS).takes(held)).isTrue();
        assertThat(ids(plan)).containsExactly("scale-service-to-zero", "emit-credential-compromised");
        assertThat(plan.steps().get(0).target()).isEqualTo(SERVICE);
    }

    @Test
    void plan_serviceScaledUpNotHeld_isRecordedOnly() {
        Signal undone = ((ParseResult.Observed) new SignalParser().parse(
                Samples.load("cloudtrail-ecs-update-service.json"))).undone().get(0);

        assertThat(plan(undone).decision()).isEqualTo(Plan.Decision.RECORD_ONLY);
    }
}
