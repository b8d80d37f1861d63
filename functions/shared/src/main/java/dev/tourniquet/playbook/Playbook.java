package dev.tourniquet.playbook;

import dev.tourniquet.signal.Signal;

/** Decides the steps for a signal from configuration alone; never calls AWS. */
public interface Playbook {
    Plan plan(Signal signal);
}
