package dev.tourniquet.signal;


/**
 * Completes a signal from AWS before planning (the owner of an exposed key, a principal's path and
 * tags). Reads only; may throw AWS failures, which the responder classifies.
 */
public interface SignalEnricher {
    Signal enrich(Signal signal);

    /** For signals that need nothing more (and for offline planning). */
    SignalEnricher NONE = signal -> signal;
}
