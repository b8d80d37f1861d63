package dev.tourniquet.records;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.internal.Json;
import dev.tourniquet.internal.Mode;
import dev.tourniquet.playbook.Plan;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.StepRunner.StepOutcome;
import java.util.List;
import java.util.Optional;

/**
 * What one incident came to: the plan, each step's result and where the evidence is.
 */
public record Outcome(String incidentId, Plan plan, Mode mode, List<StepOutcome> steps, String evidenceLocation) {

    public Outcome {
        steps = List.copyOf(steps);
    }

    /** The worst failure among the steps: containment failed beats transient beats none. */
    public Optional<Failure> worstFailure() {
        Optional<Failure> transientFailure = Optional.empty();
        for (StepOutcome step : steps) {
            if (step.result() instanceof StepResult.Failed failed) {
                if (failed.failure().kind() == Failure.Kind.CONTAINMENT_FAILED) {
                    return Optional.of(failed.failure());
                }
                if (failed.failure().kind() == Failure.Kind.TRANSIENT) {
                    transientFailure = Optional.of(failed.failure());
                }
            }
        }
        return transientFailure;
    }

    /** Each step as {@code {step, target, result, detail, undo, prior, millis}}: the record release reads. */
    public ArrayNode stepsJson() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (StepOutcome step : steps) {
            ObjectNode node = array.addObject().put("step", step.step().id()).put("target", step.step().target())
                    .put("result", step.result().word()).put("detail", step.result().detail())
                    .put("undo", step.step().undo()).put("millis", step.millis());
            switch (step.result()) {
                case StepResult.Applied applied -> node.set("prior", applied.prior());
                case StepResult.AlreadyApplied already -> node.set("prior", already.prior());
                case StepResult.Planned planned -> node.set("prior", planned.prior());
                // A change that was started may have been made: release undoes it from the state before.
                case StepResult.Failed failed when failed.prior() != null -> node.set("prior", failed.prior());
                default -> { }
            }
        }
        return array;
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object().put("incidentId", incidentId).put("signal", plan.signal().signalType())
                .put("subject", plan.signal().subject()).put("decision", plan.decision().id())
                .put("rationale", plan.rationale()).put("mode", mode.id()).put("evidence", evidenceLocation);
        json.set("steps", stepsJson());
        return json;
    }
}
