package dev.tourniquet.signal;

import java.util.Map;
import java.util.Optional;

/**
 * What AWS says about a compromised function, read before planning with as few calls as possible (they
 * delay containment): the playbook decides on these without calling AWS.
 *
 * @param roleArn its execution role
 * @param tags    its tags (the exempt tag is read here)
 * @param creator the latest caller that created or changed it, from Tourniquet's provenance records; empty
 *                when CloudTrail never told us (the emit step then asks CloudTrail LookupEvents)
 * @param exemptTagWriter who wrote its exempt tag, when it carries one
 */
public record FunctionFacts(Optional<String> roleArn, Map<String, String> tags, Optional<Provenance> creator,
                            TagWriter exemptTagWriter) {

    public FunctionFacts {
        tags = Map.copyOf(tags);
    }

    /** Facts without the exempt tag's writer (none carried, or not read). */
    public FunctionFacts(Optional<String> roleArn, Map<String, String> tags, Optional<Provenance> creator) {
        this(roleArn, tags, creator, TagWriter.NOT_READ);
    }
}
