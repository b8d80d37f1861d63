package dev.tourniquet.flow;

import dev.tourniquet.playbook.FootprintBreach;
import dev.tourniquet.signal.Provenance;
import java.util.Optional;

/**
 * Judges one spend-creating CloudTrail record against the owner's footprint and, when it breaks it and its caller may
 * be contained, announces both chain events: {@code Resource Outside Footprint} for what it launched and
 * {@code Credential Compromised} for its caller. The one seam between where records come from (a delivered event, the
 * CloudTrail history a cost or usage brake reads) and what a breach sets off.
 */
@FunctionalInterface
public interface FootprintCheck {
    /**
     * @return the breach announced, empty when the record is inside the footprint, not a spend-creating call, or its
     *     caller is exempt, an AWS service or one of Tourniquet's own roles
     * @throws RuntimeException when a chain event could not be put (the caller classifies it)
     */
    Optional<FootprintBreach> check(Provenance record);

    /** Whether a footprint is set at all: when not, nothing is worth reading records for. */
    default boolean isOn() {
        return true;
    }

    /**
     * Whether a record in {@code region} can break the footprint by its region alone: a Bedrock invocation is judged
     * only there (inside the allowed regions an invocation breaks nothing, and an owner's application may make
     * millions: their history is not read). By default none.
     */
    default boolean outsideRegions(String region) {
        return false;
    }
}
