package dev.tourniquet.step.cloudtrail;

import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Partitions;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.ProvenanceHistory;
import dev.tourniquet.signal.TagWriter;
import dev.tourniquet.signal.TagWrites;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds who wrote the exempt tag a user, role, function or instance carries, and how that writer's own
 * identity was created: from Tourniquet's provenance records (fed by the tag-writing CloudTrail events as
 * they arrive), else from CloudTrail's event history ({@code LookupEvents} by resource name, in the region
 * that records the call: {@code us-east-1} for IAM). Asked only when the resource carries the tag, so no
 * other incident waits for it. Nothing found means the tag is older than CloudTrail's 90 days.
 *
 * <p>IAM actions: {@link #PERMISSIONS}.
 */
public final class ExemptTagWriters {
    public static final List<String> PERMISSIONS = List.of("dynamodb:Query", "cloudtrail:LookupEvents");

    private final ProvenanceHistory provenance;
    private final CreatorLookup lookup;
    private final String tagKey;
    private final String iamRegion;

    public ExemptTagWriters(AwsClients clients, ProvenanceHistory provenance) {
        this(provenance, new CreatorLookup(clients), clients.configuration().exemptTagKey(),
                Partitions.iamEventRegion(clients.configuration().ownStack().partition()));
    }

    ExemptTagWriters(ProvenanceHistory provenance, CreatorLookup lookup, String tagKey, String iamRegion) {
        this.provenance = provenance;
        this.lookup = lookup;
        this.tagKey = tagKey;
        this.iamRegion = iamRegion;
    }

    public TagWriter ofUser(Map<String, String> tags, String userName) {
        return writerOf(tags, TagWrites.user(userName), iamRegion, userName);
    }

    public TagWriter ofRole(Map<String, String> tags, String roleName) {
        return writerOf(tags, TagWrites.role(roleName), iamRegion, roleName);
    }

    public TagWriter ofFunction(Map<String, String> tags, FunctionArn function) {
        return writerOf(tags, function.unqualified(), function.region(), function.name());
    }

    public TagWriter ofInstance(Map<String, String> tags, String instanceId, String region) {
        return writerOf(tags, instanceId, region, instanceId);
    }

    private TagWriter writerOf(Map<String, String> tags, String resource, String region, String resourceName) {
        if (!tags.containsKey(tagKey)) {
            return TagWriter.NOT_READ;
        }
        String id = TagWrites.tagOf(resource, tagKey);
        Optional<Provenance> write = provenance.latest(id).or(() -> lookup.latest(region, resourceName, id));
        return write.<TagWriter>map(w -> new TagWriter.Known(w, creationOf(w))).orElseGet(TagWriter.Unknown::new);
    }

    // The writer's key, else its user or role, as provenance recorded its creation.
    private Optional<Provenance> creationOf(Provenance write) {
        return write.accessKeyId().flatMap(key -> provenance.latest(TagWrites.key(key)))
                .or(() -> TagWrites.identityOf(write.principalArn()).flatMap(provenance::latest));
    }
}
