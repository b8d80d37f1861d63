package dev.tourniquet.records;

import dev.tourniquet.internal.Mode;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.step.StepResult;
import dev.tourniquet.step.StepRunner.StepOutcome;

/** The human summary of an incident: what was seen, what was done, how to undo it. */
public final class AlertMessage {
    private AlertMessage() {}

    public static String subject(Outcome outcome) {
        Signal signal = outcome.plan().signal();
        String verb = switch (outcome.plan().decision()) {
            case ACT -> outcome.mode() == Mode.PLAN ? "[PLAN] would contain" : outcome.worstFailure().isPresent()
                    ? "CONTAINMENT INCOMPLETE for" : "Contained";
            case ALERT_ONLY -> "ACTION NEEDED:";
            case RECORD_ONLY -> "Recorded (no action)";
        };
        return "Tourniquet: " + verb + " " + signal.signalType().replace('_', ' ') + " " + signal.subject();
    }

    public static String body(Outcome outcome) {
        Signal signal = outcome.plan().signal();
        StringBuilder text = new StringBuilder();
        text.append("Incident ").append(outcome.incidentId()).append(" (mode: ").append(outcome.mode().id())
                .append(")\n\nWHAT WAS SEEN\n");
        text.append("  ").append(signal.origin().findingType().orElse(signal.origin().detailType()))
                .append(" from ").append(signal.origin().source()).append(" in account ")
                .append(signal.origin().accountId()).append(", region ").append(signal.origin().region())
                .append(", at ").append(signal.origin().time()).append('\n');
        text.append("  Resource: ").append(signal.subject()).append('\n');
        text.append("  Decision: ").append(outcome.plan().decision().id()).append(" - ")
                .append(outcome.plan().rationale()).append("\n\nWHAT WAS DONE\n");
        if (outcome.steps().isEmpty()) {
            text.append("  Nothing was changed.\n");
        }
        for (StepOutcome step : outcome.steps()) {
            text.append("  - ").append(step.step().id()).append(" on ").append(step.step().target()).append(": ")
                    .append(step.result().word()).append(" (").append(step.result().detail()).append(")\n");
        }
        text.append("\nHOW TO UNDO\n");
        boolean anyChange = false;
        for (StepOutcome step : outcome.steps()) {
            if (step.result() instanceof StepResult.Applied) {
                anyChange = true;
                text.append("  - ").append(step.step().undo()).append('\n');
            }
        }
        text.append(anyChange ? "  Or, after investigation: ./tourniquet release " + outcome.incidentId() + "\n"
                : "  Nothing to undo.\n");
        if (signal.origin().heldBeyondCount()) {
            text.append("\nHELD, NOT CONTAINED\n  Only the one stopping call was made: its credential was implicated only as"
                    + " the creator of another resource, and the sweep's count of resources of that resource's shape"
                    + " was reached. Decide:\n  - malicious: ./tourniquet confirm ").append(outcome.incidentId())
                    .append(" (quarantines it in full)\n  - legitimate: ./tourniquet release ")
                    .append(outcome.incidentId()).append('\n');
        }
        if (signal.origin().heldProvisionally()) {
            text.append("\nHELD PROVISIONALLY\n  It appeared inside a contained credential's exposure window and CloudTrail"
                    + " has not named its creator yet: only the one stopping call was made. It is released automatically"
                    + " when its record names a principal outside the incident, and contained in full when the record"
                    + " names the incident or none arrives within ExposureHoldWaitMinutes. To release it now: ./tourniquet"
                    + " release ").append(outcome.incidentId()).append('\n');
        }
        if (signal.origin().heldByFootprint()) {
            text.append("\nHELD BY THE FOOTPRINT\n  The footprint's inventory found it outside the footprint with no CloudTrail"
                    + " record of its creator (its event was missed, or it is older than Tourniquet): only the one"
                    + " stopping call was made. It is released automatically when a record names an exempt principal, an"
                    + " AWS service or Tourniquet, and contained in full when a record names any other caller. If it is"
                    + " yours: ./tourniquet release ").append(outcome.incidentId())
                    .append(" (the inventory then leaves it alone)\n");
        }
        text.append("\nEVIDENCE\n  ").append(outcome.evidenceLocation()).append(" (manifest.json holds SHA-256 of every object)\n");
        return text.toString();
    }
}
