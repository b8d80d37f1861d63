package dev.tourniquet.signal;

import java.util.Optional;

/**
 * Who wrote the exempt tag a resource carries, as far as CloudTrail says: the exempt tag counts only when it
 * was written before the incident by no principal of the incident (playbook {@code ExemptTag}).
 */
public sealed interface TagWriter {

    /** Not asked: the resource carries no exempt tag, or the plan is made offline. */
    TagWriter NOT_READ = new NotRead();

    /** Not asked: the resource carries no exempt tag, or the plan is made offline. */
    record NotRead() implements TagWriter {
    }

    /**
     * Asked, and neither provenance nor CloudTrail's event history (90 days) holds the call that wrote it: the
     * tag is older than what CloudTrail keeps.
     */
    record Unknown() implements TagWriter {
    }

    /**
     * The call that last wrote the tag.
     *
     * @param write         its CloudTrail record (a {@link TagWrites} provenance record)
     * @param writerCreated how the writer's own identity (its key, user or role) was created, when provenance
     *                      recorded it: an identity an incident's principal created belongs to the incident
     */
    record Known(Provenance write, Optional<Provenance> writerCreated) implements TagWriter {
    }
}
