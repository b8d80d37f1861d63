package dev.tourniquet.flow;

import dev.tourniquet.internal.Failure;
import dev.tourniquet.records.FootprintRecords;
import dev.tourniquet.records.IncidentRecord;
import dev.tourniquet.records.Records;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each run of the footprint's inventory reviews its open holds of one kind first (one query on
 * {@code FOOTPRINT#OPEN}): a hold released by a person is dropped and its resource left alone from then on; one whose
 * records now explain it is released (its stopping call undone as {@code ./tourniquet release} undoes it); one whose
 * records name a non-exempt caller is announced and closed (its containment takes over, the resource still stopped);
 * one still unexplained stays held, its incident resumed if it did not complete. One hold that fails does not stop the
 * others: the next run reviews it again.
 */
final class FootprintHoldReview {
    /** What provenance says of a resource, and of what launched it, since the footprint took effect. */
    @FunctionalInterface
    interface Attribution {
        FootprintAttribution.Decision of(String resourceId, List<String> explainedBy, Instant since);
    }

    /** The signal of a resource's footprint hold (the same incident every run). */
    @FunctionalInterface
    interface HoldSignals {
        Signal of(FootprintRun run, String resourceId, String region, String accountId, String description);
    }

    private final Records records;
    private final String kind;
    private final Releaser releaser;
    private final FootprintAnnouncer announcer;
    private final Attribution attribution;
    private final HoldSignals holdSignals;

    FootprintHoldReview(Records records, String kind, Releaser releaser, FootprintAnnouncer announcer,
                        Attribution attribution, HoldSignals holdSignals) {
        this.records = records;
        this.kind = kind;
        this.releaser = releaser;
        this.announcer = announcer;
        this.attribution = attribution;
        this.holdSignals = holdSignals;
    }

    // The open holds: each dropped, released, announced or kept (its incident resumed if it did not complete).
    Set<String> review(FootprintRun run) {
        FootprintRecords store = records.footprint();
        List<FootprintRecords.Held> open = store.open(kind);
        for (FootprintRecords.Held held : open) {
            try {
                reviewOne(run, held);
            } catch (RuntimeException e) {
                run.lines.add("FAILED " + held.resourceId() + ": " + Failure.classify(e).message()
                        + " (reviewed again by the next run)");
            }
        }
        return open.stream().map(FootprintRecords.Held::resourceId).collect(Collectors.toSet());
    }

    private void reviewOne(FootprintRun run, FootprintRecords.Held held) {
        FootprintRecords store = records.footprint();
        var incident = records.releases().find(held.holdIncident());
        if (incident.flatMap(i -> i.releasedAt()).isPresent()) {
            if (store.close(held)) {
                store.spare(held.resourceId(), "its footprint hold " + held.holdIncident() + " was released by a person",
                        run.now);
                store.decide(held.holdIncident(), "released", "released by a person (./tourniquet release)", run.now);
                run.lines.add("DROPPED " + held.resourceId() + ": its hold was released by a person; left alone");
            }
            return;
        }
        switch (attribution.of(held.resourceId(), held.explainedBy(), run.since)) {
            case FootprintAttribution.Decision.Announce announce -> {
                announcer.announce(run, announce.record(), held.rule(), held.description());
                if (store.close(held)) {
                    store.decide(held.holdIncident(), "announced", "contained in full: "
                            + announce.record().eventName() + " by " + FootprintAttribution.caller(announce.record()),
                            run.now);
                }
            }
            case FootprintAttribution.Decision.Explained explained -> release(run, held, incident, explained.reason());
            case FootprintAttribution.Decision.Unattributed unattributed -> run.hold.add(holdSignals.of(run,
                    held.resourceId(), held.region(), held.accountId(), held.description()));
        }
    }

    // The stopping call undone as ./tourniquet release undoes it (begun first, so that the guard does not take the undo
    // for tampering), then recorded. A reversal that failed leaves the hold open for the next run.
    private void release(FootprintRun run, FootprintRecords.Held held, Optional<IncidentRecord> incident,
                         String reason) {
        var failed = releaser.releaseHold(records.releases(), incident, run.now);
        if (failed.isPresent()) {
            run.lines.add("RELEASE FAILED " + held.resourceId() + ": " + failed.get().detail()
                    + " (retried by the next run)");
            return;
        }
        if (records.footprint().close(held)) {
            records.footprint().decide(held.holdIncident(), "released", reason, run.now);
            run.lines.add("RELEASED " + held.resourceId() + " (hold " + held.holdIncident() + "): " + reason);
        }
    }
}
