package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Who last created or changed a resource, as Tourniquet recorded it from CloudTrail. Enrichers ask it; the
 * records layer answers it from the incident table, so that only the records read or write that table.
 */
@FunctionalInterface
public interface ProvenanceHistory {

    /** The most recent caller that created or changed this resource, if CloudTrail told us. */
    Optional<Provenance> latest(String resourceId);
}
