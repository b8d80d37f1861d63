package dev.tourniquet.flow;

import dev.tourniquet.signal.Provenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The further bound on the sweep of a credential implicated only as the creator of one flagged resource
 * ({@link dev.tourniquet.signal.Implication#CREATOR}): of what it made inside its window, only the resources of the
 * flagged resource's {@link ResourceShape} are judged, and at most {@code limit} of them contained — the flagged one
 * first, then the others nearest in time to its record. The rest of that shape is held (one reversible stopping
 * call) and a person asked. What is of another shape, and everything when the flagged resource's shape is unknown
 * (gone, or of another kind than this sweep's), is listed and never touched.
 *
 * @param contain the records of what is contained
 * @param hold    the records of what is held beyond the count
 * @param unlike  the records of what is left alone
 */
record CreatorBound(List<Provenance> contain, List<Provenance> hold, List<Provenance> unlike) {

    /**
     * @param inWindow what the credential made inside its window
     * @param flagged  the resource that implicated it
     * @param shapes   the shape of each resource that could be read, by resource id
     * @param limit    how many may be contained at most
     */
    static CreatorBound of(List<Provenance> inWindow, Optional<String> flagged, Map<String, ResourceShape> shapes,
                           int limit) {
        Optional<ResourceShape> shape = flagged.map(shapes::get);
        if (shape.isEmpty()) {
            return new CreatorBound(List.of(), List.of(), inWindow);
        }
        Optional<Provenance> flaggedRecord = inWindow.stream().filter(p -> p.resourceId().equals(flagged.get()))
                .findFirst();
        List<Provenance> alike = new ArrayList<>();
        List<Provenance> unlike = new ArrayList<>();
        for (Provenance record : inWindow) {
            ResourceShape its = shapes.get(record.resourceId());
            (its != null && its.like(shape.get()) ? alike : unlike).add(record);
        }
        // The flagged resource first, then the nearest in time to it (a spread follows its first copy).
        java.time.Instant anchor = flaggedRecord.map(Provenance::time).orElse(java.time.Instant.EPOCH);
        alike.sort(Comparator.<Provenance, Boolean>comparing(p -> !p.resourceId().equals(flagged.get()))
                .thenComparing(p -> Duration.between(anchor, p.time()).abs())
                .thenComparing(Provenance::resourceId));
        int contained = Math.min(Math.max(limit, 0), alike.size());
        return new CreatorBound(alike.subList(0, contained), alike.subList(contained, alike.size()), unlike);
    }
}
