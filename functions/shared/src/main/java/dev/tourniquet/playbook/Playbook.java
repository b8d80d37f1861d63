package dev.tourniquet.playbook;

import dev.tourniquet.signal.Signal;

/** Decides the steps for a signal from configuration alone; never calls AWS. */
public interface Playbook {
    Plan plan(Signal signal);

    /**
     * Whether signals of this kind are this playbook's to act on. An event that names several kinds (a GuardDuty
     * attack sequence: a key and an instance) reaches every function that acts on a part of it; each takes only
     * its own, so that one function's record-only incident of another's signal never claims that incident first
     * (incident ids are per finding and resource, not per function).
     */
    default boolean takes(Signal signal) {
        return true;
    }
}
