package dev.tourniquet.flow;

import dev.tourniquet.records.Records;
import dev.tourniquet.signal.ChainEvents;
import dev.tourniquet.signal.LateRecordEvent;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Shares;
import dev.tourniquet.signal.TagWrites;
import dev.tourniquet.step.events.ChainEventBus;
import java.util.Optional;

/**
 * The one way a CloudTrail record becomes "what this credential did", whether a rule delivered it or the history
 * sweep found it: stored as provenance and, when its key (or the identity behind its caller) stands contained,
 * announced as {@link ChainEvents#RESOURCE_OF_CONTAINED_CREDENTIAL}, which the containing functions turn into the
 * containment of what it names, as the containment's own sweep would have (one incident per resource of a
 * containment: a resource that sweep handled already is claimed once, never contained twice).
 */
final class ProvenanceIntake {
    private final Records records;
    private final ChainEventBus bus;

    ProvenanceIntake(Records records, ChainEventBus bus) {
        this.records = records;
        this.bus = bus;
    }

    /**
     * Stores {@code record}, then announces it if its credential stands contained.
     *
     * @return the containment it was announced to, if any
     * @throws RuntimeException when the table or the bus fails (the caller classifies it)
     */
    Optional<String> take(Provenance record) {
        records.provenance().record(record);
        // Tag writes are kept for judging exempt tags: nothing to contain. Identities and IAM changes are undone by
        // the credential function (its persistence sweep).
        // By its key, or by the identity behind it (a user or role an incident created, contained whole).
        Optional<String> containedBy = sweepable(record)
                ? records.incidents().containedByCaller(record.accessKeyId(), record.principalArn())
                : Optional.empty();
        containedBy.ifPresent(incident -> bus.put(ChainEvents.RESOURCE_OF_CONTAINED_CREDENTIAL,
                LateRecordEvent.detail(incident, record)));
        return containedBy.isPresent() ? containedBy : layerOfContained(record);
    }

    // A layer attached after its publisher was contained (by anyone): the layer's own record is announced again, so
    // that the function quarantine finds the functions running it now, this one among them.
    private Optional<String> layerOfContained(Provenance record) {
        if (!Shares.LAYER_USE.equals(record.resourceType())) {
            return Optional.empty();
        }
        Optional<Provenance> published = records.provenance().latest(Shares.id(Shares.LAYER, record.resourceId()))
                .filter(p -> Shares.TYPE.equals(p.resourceType()) && p.accessKeyId().isPresent());
        Optional<String> incident = published.flatMap(p -> records.incidents().containedBy(p.accessKeyId().get()));
        incident.ifPresent(i -> bus.put(ChainEvents.RESOURCE_OF_CONTAINED_CREDENTIAL,
                LateRecordEvent.detail(i, published.get())));
        return incident;
    }

    private static boolean sweepable(Provenance record) {
        // A layer attached is found through the layer's own record (its function's record is announced by itself).
        // An enabled region is judged by the credential function from the same record (its own rule): not announced.
        return !TagWrites.TAG.equals(record.resourceType()) && !Shares.LAYER_USE.equals(record.resourceType())
                && !dev.tourniquet.signal.RegionEnabled.RESOURCE_TYPE.equals(record.resourceType())
                // Model access and invocations create nothing to contain: their key's incident and the footprint judge.
                && !record.resourceType().startsWith("bedrock-model-");
    }
}
