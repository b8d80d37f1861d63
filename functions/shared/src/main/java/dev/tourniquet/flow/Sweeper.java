package dev.tourniquet.flow;

import dev.tourniquet.signal.SweepRequest;

/**
 * Expands a sweep request into the signals of every resource the contained credential touched inside its exposure
 * window, and what it lists for a person instead ({@link Swept}).
 */
public interface Sweeper {
    Swept expand(SweepRequest request);

    /** The exposure hold this sweeper takes, reviewed on its schedule ({@link ExposureReview}); empty for none. */
    default java.util.Optional<ExposureHold> exposureHold() {
        return java.util.Optional.empty();
    }

    /**
     * The instances a Spot request, fleet or group launched, as signals of {@code origin} carrying that source (a
     * source launched outside the footprint); empty for a sweeper of no instances.
     */
    default java.util.Optional<java.util.List<dev.tourniquet.signal.Signal>> launchedBy(dev.tourniquet.signal.Origin origin,
                                                                   dev.tourniquet.signal.Provenance source,
                                                                   String reason) {
        return java.util.Optional.empty();
    }

    /** For a function that sweeps nothing (the credential function). */
    Sweeper NONE = request -> Swept.NONE;
}
