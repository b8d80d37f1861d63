package dev.tourniquet.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.EcsService;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.StepContext;
import dev.tourniquet.step.StepKind;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.Stopping;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkloadHoldStepsTest {
    private static final StepKind SCALE = StepKind.reversible("scale-service-to-zero", List.of("ecs:UpdateService"),
            (prior, target, clients) -> "restored");
    private static final StepKind STOP_TASK = StepKind.irreversible("stop-task", List.of("ecs:StopTask"),
            "a stopped task cannot run again");
    private static final StepKind EVIDENCE = StepKind.irreversible("collect-service-evidence",
            List.of("ecs:DescribeServices"), "evidence is kept");
    private static final StepKind CUT = StepKind.reversible("cut-rule-target", List.of("events:RemoveTargets"),
            (prior, target, clients) -> "restored");

    private final CompromisedWorkload held = workload(ChainEvents.EXPOSURE_HOLD);

    @Test
    void held_reversibleStoppingStep_isTheOnlyStep() {
        Plan full = Plan.act(held, "miner", List.of(step(EVIDENCE), stopping(SCALE), step(CUT)));

        Plan plan = WorkloadHoldSteps.held(full, held);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ACT);
        assertThat(plan.steps()).extracting(Step::id).containsExactly("scale-service-to-zero");
        assertThat(plan.rationale()).contains("held", "scale-service-to-zero only");
    }

    @Test
    void held_noStoppingStep_takesTheFirstStep() {
        Plan plan = WorkloadHoldSteps.held(Plan.act(held, "miner", List.of(step(SCALE), step(EVIDENCE))), held);

        assertThat(plan.steps()).extracting(Step::id).containsExactly("scale-service-to-zero");
    }

    @Test
    void held_stopNoReleaseCanUndo_isAlertedNotApplied() {
        Plan plan = WorkloadHoldSteps.held(Plan.act(held, "miner", List.of(stopping(STOP_TASK), step(EVIDENCE))), held);

        assertThat(plan.decision()).isEqualTo(Plan.Decision.ALERT_ONLY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.rationale()).contains("stop-task", "cannot be undone");
    }

    @Test
    void held_planThatDoesNotAct_isKept() {
        Plan recordOnly = Plan.recordOnly(held, "exempt: owner");

        assertThat(WorkloadHoldSteps.held(recordOnly, held)).isSameAs(recordOnly);
    }

    @Test
    void plan_footprintAndExposureHolds_areHolds_aSweepIsNot() {
        assertThat(workload(ChainEvents.EXPOSURE_HOLD).origin().stopsOnly()).isTrue();
        assertThat(workload(ChainEvents.FOOTPRINT_HOLD).origin().stopsOnly()).isTrue();
        assertThat(workload(ChainEvents.CREDENTIAL_CONTAINED).origin().stopsOnly()).isFalse();
    }

    private static CompromisedWorkload workload(String findingType) {
        Origin origin = new Origin("e-1", ChainEvents.SOURCE, "Exposure Hold Review", Optional.of("inc-1#exposure"),
                Optional.of(findingType), 0, "", "123456789012", "us-east-1", Instant.EPOCH, false);
        return new CompromisedWorkload(origin, new EcsService("arn:aws:ecs:us-east-1:123456789012:service/web/miner",
                ""), "appeared in the window", false, Optional.empty());
    }

    private static Step step(StepKind kind) {
        return new Step() {
            @Override
            public StepKind kind() {
                return kind;
            }

            @Override
            public String target() {
                return "arn:aws:ecs:us-east-1:123456789012:service/web/miner";
            }

            @Override
            public String undo() {
                return "by hand";
            }

            @Override
            public StepResult run(StepContext context) {
                throw new UnsupportedOperationException("planned only");
            }
        };
    }

    private static Stopping stopping(StepKind kind) {
        Step step = step(kind);
        return new Stopping() {
            @Override
            public StepKind kind() {
                return kind;
            }

            @Override
            public String target() {
                return step.target();
            }

            @Override
            public String undo() {
                return step.undo();
            }

            @Override
            public StepResult run(StepContext context) {
                return step.run(context);
            }

            @Override
            public StepResult stopFirst(StepContext context) {
                return step.run(context);
            }
        };
    }
}
