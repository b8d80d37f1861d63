package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SignalEnricher;
import java.util.Comparator;
import java.util.Optional;

/**
 * Completes a workload's signal with its creator from Tourniquet's provenance (the earliest record naming it), when the
 * signal does not carry one: a runtime finding names the task, never who started it. Reads only.
 *
 * <p>IAM actions: {@code dynamodb:Query}.
 */
public final class WorkloadEnricher implements SignalEnricher {
    private final ProvenanceStore provenance;

    public WorkloadEnricher(ProvenanceStore provenance) {
        this.provenance = provenance;
    }

    @Override
    public Signal enrich(Signal signal) {
        if (!(signal instanceof CompromisedWorkload workload) || workload.creator().isPresent()) {
            return signal;
        }
        Optional<Provenance> creator = provenance.history(workload.subject()).stream()
                .min(Comparator.comparing(Provenance::time));
        return workload.withCreator(creator);
    }
}
