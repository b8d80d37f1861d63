package dev.tourniquet.flow;

import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.CompromisedWorkload;
import dev.tourniquet.signal.Implication;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import dev.tourniquet.signal.SweepRequest;
import dev.tourniquet.signal.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workload sweep: when a credential is contained, every ECS task and service, CodeBuild build and project,
 * SageMaker job, notebook instance and endpoint, and Batch compute environment, queue and job it created, started or
 * changed inside its exposure window (Tourniquet's provenance records, by its key and by its principal ARN) becomes a
 * signal of its own, and so an incident of its own; what it touched only before the window is listed, never touched
 * ({@link ExposureWindow}). A credential implicated only as the creator of a flagged resource is bounded by that
 * resource's kind: workloads of the same kind are contained, others listed (a miner's key that also ran the owner's
 * build is contained, the build is left to a person).
 *
 * <p>An exposed key's sweep also takes the exposure hold of workloads ({@link ExposureHold#ofWorkloads}), when given
 * one: what started running in its window with no record at all is held by its reversible stop until provenance says.
 *
 * <p>IAM actions: {@code dynamodb:Query}.
 */
public final class WorkloadSweeper implements Sweeper {
    private final ProvenanceStore provenance;
    private final Optional<ExposureHold> hold;

    public WorkloadSweeper(ProvenanceStore provenance) {
        this(provenance, Optional.empty());
    }

    /** A sweeper that also takes the exposure hold of workloads. */
    public WorkloadSweeper(ProvenanceStore provenance, Optional<ExposureHold> hold) {
        this.provenance = provenance;
        this.hold = hold;
    }

    @Override
    public Optional<ExposureHold> exposureHold() {
        return hold;
    }

    @Override
    public Swept expand(SweepRequest request) {
        // Each credential's records read once for every workload kind (not once per kind: 14 queries, 28 with a
        // principal), the window judging them together as before.
        List<Provenance> records = new ArrayList<>(provenance.touchedBy(request.accessKeyId(), Workload.TYPES));
        request.principalArn().ifPresent(arn -> records.addAll(provenance.touchedBy(arn, Workload.TYPES)));
        ExposureWindow window = ExposureWindow.of(records, request.windowStart());
        if (request.implication() != Implication.CREATOR) {
            List<Signal> acted = signals(request, window.inWindow());
            java.util.Set<String> swept = new java.util.HashSet<>();
            acted.forEach(s -> swept.add(s.subject()));
            List<Signal> provisional = hold.map(h -> h.take(request, swept)).orElse(List.of());
            return new Swept(acted, List.of(), provisional, window.beforeWindow(), List.of());
        }
        Optional<String> flaggedType = request.flaggedResource().flatMap(this::typeOf);
        List<Provenance> alike = window.inWindow().stream()
                .filter(p -> flaggedType.filter(p.resourceType()::equals).isPresent()).toList();
        List<Provenance> unlike = window.inWindow().stream().filter(p -> !alike.contains(p)).toList();
        return new Swept(signals(request, alike), List.of(), window.beforeWindow(), unlike);
    }

    // The kind of the flagged resource, when it is a workload this store has a record of.
    private Optional<String> typeOf(String flagged) {
        return provenance.latest(flagged).map(Provenance::resourceType).filter(Workload.TYPES::contains);
    }

    // Each workload is its own incident, of the containment the sweep is for; the contained credential's own record
    // is its creator here, whatever touched it since.
    private static List<Signal> signals(SweepRequest request, List<Provenance> records) {
        List<Signal> signals = new ArrayList<>();
        for (Provenance record : records) {
            Workload.of(record).ifPresent(workload -> signals.add(new CompromisedWorkload(
                    request.resourceOrigin(record.accountId(), record.region()), workload,
                    record.eventName() + " by contained credential " + request.accessKeyId() + " at " + record.time()
                            + " (incident " + request.incidentId() + ")", false, Optional.of(record))));
        }
        return signals;
    }
}
