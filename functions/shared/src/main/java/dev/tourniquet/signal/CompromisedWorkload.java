package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Rented compute ({@link Workload}) running something it must not (a runtime finding on an ECS task), created or
 * changed by a credential that has been contained (a sweep, a late record), or launched outside the owner's footprint.
 *
 * @param workload exactly the resource to contain
 * @param reason   why, for the alert
 * @param mining   whether a finding says it mines (an ECS service behind a mining task is then scaled to zero)
 * @param creator  the provenance record that makes it the incident's (its creator or last changer), when known
 */
public record CompromisedWorkload(Origin origin, Workload workload, String reason, boolean mining,
                                  Optional<Provenance> creator) implements Signal {

    @Override
    public String subject() {
        return workload.arn();
    }

    @Override
    public String signalType() {
        return "workload";
    }

    /** Whether a sweep found it (its credential was contained), rather than a finding on the workload itself. */
    public boolean fromSweep() {
        return ChainEvents.SOURCE.equals(origin.source());
    }

    public CompromisedWorkload withCreator(Optional<Provenance> read) {
        return new CompromisedWorkload(origin, workload, reason, mining, read.or(() -> creator));
    }
}
