package dev.tourniquet.cli.release;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.step.Reversal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undoes the applied steps of one incident, newest first, each on its own: one failing does not stop
 * the others. Evidence is never touched (evidence steps have no reversal).
 */
final class Releaser {
    private final Reversals reversals;
    private final AwsClients clients;

    Releaser(Reversals reversals, AwsClients clients) {
        this.reversals = reversals;
        this.clients = clients;
    }

    /** What happened to one step. */
    enum Result {
        /** The prior state is back. */
        RESTORED,
        /** The resource or the change is gone already: nothing left to restore. */
        NOTHING_LEFT,
        /** The reversal failed; running the release again retries it. */
        FAILED,
        /** No automatic reversal: the step's own undo text says what, if anything, to do by hand. */
        BY_HAND
    }

    record Restoration(RecordedStep step, Result result, String detail) {
    }

    /** The reversal each applied step would get, newest first, without running anything. */
    List<Optional<Reversal>> plan(IncidentRecord incident) {
        return incident.appliedNewestFirst().stream().map(step -> reversals.forStep(step.step())).toList();
    }

    List<Restoration> release(IncidentRecord incident) {
        List<Restoration> done = new ArrayList<>();
        for (RecordedStep step : incident.appliedNewestFirst()) {
            done.add(reversals.forStep(step.step()).map(reversal -> run(reversal, step))
                    .orElseGet(() -> new Restoration(step, Result.BY_HAND, step.undo())));
        }
        return done;
    }

    private Restoration run(Reversal reversal, RecordedStep step) {
        try {
            return new Restoration(step, Result.RESTORED, reversal.release(step.prior(), step.target(), clients));
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(e);
            if (failure.kind() == Failure.Kind.GONE) {
                return new Restoration(step, Result.NOTHING_LEFT, "nothing left to restore: " + failure.message());
            }
            return new Restoration(step, Result.FAILED, failure.message());
        }
    }
}
