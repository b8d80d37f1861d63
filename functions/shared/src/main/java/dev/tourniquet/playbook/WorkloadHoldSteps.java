package dev.tourniquet.playbook;

import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.step.Reversibility;
import dev.tourniquet.step.Step;
import dev.tourniquet.step.Stopping;
import java.util.List;
import java.util.Optional;

/**
 * What a hold makes of a workload's full plan (an exposure hold, a footprint hold, a hold beyond a creator's count:
 * {@link dev.tourniquet.signal.Origin#stopsOnly()}): only its one stopping step, and only when a release can undo it —
 * a hold is given back automatically when provenance clears the workload, so nothing it does may be lost. The
 * stopping step is the plan's {@link Stopping} step, or else its first step (each service's plan stops first). No
 * evidence, no trigger cut, no tag until the hold is decided (contained in full, or released).
 *
 * <p>A workload whose stop cannot be undone (an ECS task stopped is gone; a build stopped cannot resume) is not
 * stopped by a hold: it is alerted, and decided by its record (an exposure hold also contains it in full when its
 * wait runs out; a footprint hold announces it when a record names a caller outside every exemption), or by a person.
 */
final class WorkloadHoldSteps {
    private WorkloadHoldSteps() {}

    static Plan held(Plan full, CompromisedWorkload workload) {
        if (full.decision() != Plan.Decision.ACT || full.steps().isEmpty()) {
            return full;
        }
        Step stop = stopping(full.steps());
        if (stop.kind().reversibility() instanceof Reversibility.Reversible) {
            return Plan.act(workload, full.rationale() + ": held, " + stop.id() + " only (nothing else until it is"
                    + " decided)", List.of(stop));
        }
        return Plan.alertOnly(workload, full.rationale() + ": held provisionally, but its stop (" + stop.id()
                + ") cannot be undone by a release, so it is left running until its CloudTrail record decides it or a"
                + " person does (an exposure hold also contains it in full when its wait runs out)");
    }

    private static Step stopping(List<Step> steps) {
        Optional<Step> stopping = steps.stream().filter(Stopping.class::isInstance).findFirst();
        return stopping.orElse(steps.getFirst());
    }
}
