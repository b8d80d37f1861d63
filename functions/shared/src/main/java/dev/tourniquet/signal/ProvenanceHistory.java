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

    /**
     * Every recorded call that created or changed this resource, newest first (a role's trust changes, the versions
     * of a policy made default): what it was before a change is the change before it. Only the latest where the
     * history keeps no more.
     */
    default java.util.List<Provenance> history(String resourceId) {
        return latest(resourceId).stream().toList();
    }
}
