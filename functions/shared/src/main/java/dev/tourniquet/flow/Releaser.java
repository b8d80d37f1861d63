package dev.tourniquet.flow;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Failure;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.RecordedStep;
import dev.tourniquet.records.Restoration;
import dev.tourniquet.step.Reversal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Undoes the applied steps of one incident, newest first, each on its own: one failing does not stop
 * the others. Evidence is never touched (evidence kinds have no reversal).
 */
public final class Releaser {
    private final Function<String, Optional<Reversal>> reversals;
    private final AwsClients clients;

    /** The releaser of every known step kind ({@link StepCatalog}). */
    public Releaser(AwsClients clients) {
        this(StepCatalog.known()::reversal, clients);
    }

    Releaser(Function<String, Optional<Reversal>> reversals, AwsClients clients) {
        this.reversals = reversals;
        this.clients = clients;
    }

    /** The reversal each applied step would get, newest first, without running anything. */
    public List<Optional<Reversal>> plan(IncidentRecord incident) {
        return incident.appliedNewestFirst().stream().map(step -> reversals.apply(step.step())).toList();
    }

    /**
     * Releases a hold's incident as {@code ./tourniquet release} does — begun before anything is undone (so that the
     * guard does not take the undo for tampering), restored, recorded — when it applied anything; the first failed
     * restoration, if any (the hold then stays open for the next review).
     */
    Optional<Restoration> releaseHold(dev.tourniquet.records.ReleaseRecords releases,
                                      Optional<IncidentRecord> incident, java.time.Instant at) {
        if (incident.isEmpty() || incident.get().appliedNewestFirst().isEmpty()) {
            return Optional.empty();
        }
        String id = incident.get().incidentId();
        releases.begin(id, at);
        List<Restoration> restored = release(incident.get(), releases.restoredBefore(id));
        releases.record(id, restored, at);
        return restored.stream().filter(r -> r.result() == Restoration.Result.FAILED).findFirst();
    }

    public List<Restoration> release(IncidentRecord incident) {
        return release(incident, Set.of());
    }

    /**
     * Releases what earlier release runs did not restore ({@code restoredBefore}, as {@link Restoration#key}):
     * after a partial release, running it again retries only what failed.
     */
    public List<Restoration> release(IncidentRecord incident, Set<String> restoredBefore) {
        List<Restoration> done = new ArrayList<>();
        for (RecordedStep step : incident.appliedNewestFirst()) {
            if (restoredBefore.contains(Restoration.key(step.step(), step.target()))) {
                done.add(new Restoration(step, Restoration.Result.RESTORED, "restored by an earlier release run"));
                continue;
            }
            done.add(reversals.apply(step.step()).map(reversal -> run(reversal, step))
                    .orElseGet(() -> new Restoration(step, Restoration.Result.BY_HAND, step.undo())));
        }
        return done;
    }

    private Restoration run(Reversal reversal, RecordedStep step) {
        try {
            return new Restoration(step, Restoration.Result.RESTORED, reversal.release(step.prior(), step.target(),
                    clients));
        } catch (RuntimeException e) {
            Failure failure = Failure.classify(e);
            if (failure.kind() == Failure.Kind.GONE) {
                return new Restoration(step, Restoration.Result.NOTHING_LEFT, "nothing left to restore: "
                        + failure.message());
            }
            return new Restoration(step, Restoration.Result.FAILED, failure.message());
        }
    }
}
