package dev.tourniquet.flow;

import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import java.util.List;

/** Expands a sweep request into the signals of every resource the contained credential touched. */
public interface Sweeper {
    List<Signal> expand(SweepRequest request);

    /** For a function that sweeps nothing (the credential function). */
    Sweeper NONE = request -> List.of();
}
