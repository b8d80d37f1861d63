package dev.tourniquet.flow;

import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.StructuredLog;
import dev.tourniquet.playbook.Exemptions;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.RecordedStep;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ContainmentUndone;
import dev.tourniquet.signal.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps containment contained: of the changes that may undo a containment, lets through to the incidents only
 * those on a resource an incident holds contained now ({@code Holds}), each with that incident's applied steps on
 * it, for the playbook to re-apply. A change on a resource no open incident holds (never contained, or released:
 * a release is recorded as started before it undoes anything) and Tourniquet's own changes are nothing to do:
 * no incident, no alert.
 */
final class ContainmentGuard {
    private static final StructuredLog LOG = StructuredLog.of(ContainmentGuard.class);

    private final Records records;
    private final Exemptions exemptions;

    ContainmentGuard(Records records, Configuration configuration) {
        this.records = records;
        this.exemptions = new Exemptions(configuration);
    }

    /** The signals to act on: every other signal as it is, each held undoing change with its hold. */
    List<Signal> held(List<Signal> signals) {
        List<Signal> held = new ArrayList<>();
        for (Signal signal : signals) {
            if (!(signal instanceof ContainmentUndone undone)) {
                held.add(signal);
                continue;
            }
            Optional<ContainmentUndone.Hold> hold = exemptions.isOwnRole(undone.caller().principalArn())
                    ? Optional.empty() : hold(undone);
            hold.ifPresentOrElse(h -> held.add(undone.withHold(h)), () -> LOG.info("nothing to do")
                    .with("event_id", undone.origin().eventId()).with("resource_arn", undone.resource())
                    .with("reason", undone.action() + " on a resource no open incident holds, or by Tourniquet itself")
                    .log());
        }
        return held;
    }

    private Optional<ContainmentUndone.Hold> hold(ContainmentUndone undone) {
        List<ContainmentUndone.HeldStep> steps = records.holds().holders(undone.resource()).stream()
                .map(id -> records.releases().find(id)).flatMap(Optional::stream)
                .flatMap(incident -> steps(incident, undone.resource()).stream()).toList();
        return steps.isEmpty() ? Optional.empty() : Optional.of(new ContainmentUndone.Hold(steps));
    }

    private static List<ContainmentUndone.HeldStep> steps(IncidentRecord incident, String resource) {
        return incident.steps().stream().filter(RecordedStep::applied)
                .filter(step -> HoldKeys.of(step.step(), step.target(), step.prior()).contains(resource))
                .map(step -> new ContainmentUndone.HeldStep(incident.incidentId(), step.step(), step.target(),
                        step.prior())).toList();
    }
}
