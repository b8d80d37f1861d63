package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.signal.Delivery;

/**
 * What one function does with a delivery: the containment functions' {@link Responder}, and the functions that
 * contain nothing (record-provenance, heartbeat). {@link EventHandler} and the command line's replay call it.
 */
public interface FunctionFlow {

    /** Handles one delivery; returns the response document, or throws {@link IncidentFailedException} for a retry. */
    ObjectNode handle(Delivery delivery);

    /**
     * Handles one delivery within an invocation's time: a sweep starts work only while {@code budget} allows, and
     * leaves the rest to a continuation. A flow that sweeps nothing ignores it.
     */
    default ObjectNode handle(Delivery delivery, SweepBudget budget) {
        return handle(delivery);
    }

    /** What {@code ./tourniquet plan} prints for a delivery, without touching AWS. */
    ObjectNode planOffline(Delivery delivery);

    /** Builds the clients the function will need now (the SnapStart priming hook). */
    void primeClients();
}
